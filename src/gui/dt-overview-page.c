/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-overview-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dt-attention.h"
#include "dt-bar-chart.h"
#include "dt-form.h"
#include "dt-gui-util.h"
#include "dt-lunar.h"
#include "dt-overview-page.h"
#include "dt-row-content.h"
#include "dt-util.h"
#include "dt-wrap-label.h"

/* The tab: what needs attention today, this year's progress, and the counts of what the
 * database holds. It follows the database and the clock, and computes only when shown. */
struct _DtOverviewPage
{
  GtkWidget          parent_instance;

  DtContext         *context;
  DtDatabase        *database;
  gulong             changed_id;
  gulong             today_id;
  guint              idle_id;
  gulong             paint_id;       /* on paint_clock, to add the rest once painted */
  GdkFrameClock     *paint_clock;
  guint              rest_task_id;   /* the idle task adding this year's progress */
  guint              n_items;
  double             last_ms;
  char              *shown;          /* what the list shows, to skip a rebuild */
  char              *progress_shown; /* what the charts show */
  DtOverview        *overview;       /* as last shown */
  guint              computing : 1;  /* the first computation, while the window is made */
  guint              show_all : 1;
  guint              stale : 1;

  /* Template widgets */
  GtkLabel          *attention_empty;
  GtkLabel          *attention_heading;
  GtkWidget         *column;
  GtkWidget         *figures;
  GtkListBox        *attention_list;
  DtBarChart        *field_chart;
  GtkLabel          *field_chart_label;
  GtkLabel          *no_petitions_label;
  GtkLabel          *path_label;
  GtkLabel          *petitions_value;
  GtkLabel          *plans_value;
  GtkWidget         *progress;
  GtkLabel          *progress_heading;
  GtkWidget         *rest;
  GtkScrolledWindow *scroller;
  DtBarChart        *sessions_chart;
  GtkLabel          *sessions_chart_label;
  GtkLabel          *sessions_value;
  GtkWidget         *setup_card;
  DtBarChart        *status_chart;
  GtkLabel          *status_chart_label;
  GtkLabel          *summary_label;
  GtkLabel          *today_label;
  GtkLabel          *villages_value;
};

G_DEFINE_FINAL_TYPE (DtOverviewPage, dt_overview_page, GTK_TYPE_WIDGET)

/* Colours of the statuses in the chart, the same in every theme: the figures must read the
 * same on a printed screenshot. */
static const struct
{
  DtStatus    status;
  const char *color;
} status_colors[] = {
  { DT_STATUS_RECEIVED, "#9a9996" },
  { DT_STATUS_ASSIGNED, "#3584e4" },
  { DT_STATUS_ESCALATED, "#9141ac" },
  { DT_STATUS_ANSWERED, "#2190a4" },
  { DT_STATUS_RESOLVED, "#2ec27e" },
  { DT_STATUS_DECLINED, "#e66100" },
  { DT_STATUS_WITHDRAWN, "#986a44" },
};

#define OVERDUE_COLOR "#e01b24"

#define MAX_ROWS 10

/* Groups digits in threes with the interface language's separator: 12,345 or 12.345. */
static char *
format_count (gint64 count)
{
  /* Translators: the separator between groups of three digits in large numbers,
   * as in 12,345. Vietnamese uses a full stop. */
  const char *separator = C_("digit grouping", ",");
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (count));
  GString *text = g_string_new (count < 0 ? "-" : NULL);
  gsize n_digits = strlen (digits);

  for (gsize i = 0; i < n_digits; i++)
    {
      if (i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }

  return g_string_free (text, FALSE);
}

/* The tables counted on the page, in the order of its figures. */
static const char * const counted[] = { "plans", "sessions", "petitions", "villages" };

/* COUNT in LABEL; a dash, not a wrong zero, when it is not known (< 0). */
static void
show_count (GtkLabel *label,
            gint64    count)
{
  g_autofree char *text = count >= 0 ? format_count (count) : NULL;

  gtk_label_set_label (label, text != NULL ? text : "—");
}

/* The figures of the database (COUNTS of the tables counted[]), where it is, and whether it
 * is new: the unit without a name (UNIT_NAMED) and nothing recorded. */
static void
show_counts (DtOverviewPage *self,
             const gint64   *counts,
             gboolean        unit_named)
{
  GtkLabel *labels[] = { self->plans_value, self->sessions_value, self->petitions_value,
                         self->villages_value };
  gint64 total = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (counted));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      show_count (labels[i], counts[i]);
      total += MAX (counts[i], 0);
    }

  if (total == 0)
    gtk_label_set_label (self->summary_label,
                         _("Nothing has been recorded in this database yet."));
  else
    gtk_label_set_label (self->summary_label,
                         _("What this office has recorded so far."));
  gtk_widget_set_visible (self->setup_card, total == 0 && !unit_named);
}

/* What show_counts () shows, read from DATABASE: a count that cannot be read is -1 (a dash),
 * and said. Either thread: the window's, or the first computation's on its own connection. */
static void
read_counts (DtDatabase *database,
             gint64     *counts,
             gboolean   *unit_named)
{
  g_autoptr(DtUnit) unit = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      g_autoptr(GError) error = NULL;

      if ((counts[i] = dt_database_count (database, counted[i], &error)) < 0)
        g_warning ("Cannot count the %s: %s", counted[i], error->message);
    }
  /* A new database: the unit has no name yet and nothing is recorded. */
  unit = dt_unit_load (database, NULL);
  *unit_named = unit != NULL && unit->name != NULL;
}

static const char *
weekday_name (GDateWeekday weekday)
{
  switch (weekday)
    {
    case G_DATE_MONDAY:
      return _("Monday");
    case G_DATE_TUESDAY:
      return _("Tuesday");
    case G_DATE_WEDNESDAY:
      return _("Wednesday");
    case G_DATE_THURSDAY:
      return _("Thursday");
    case G_DATE_FRIDAY:
      return _("Friday");
    case G_DATE_SATURDAY:
      return _("Saturday");
    case G_DATE_SUNDAY:
    case G_DATE_BAD_WEEKDAY:
    default:
      return _("Sunday");
    }
}

static char *
shown_date (const char *iso)
{
  return iso != NULL ? dt_date_to_display (iso) : g_strdup ("—");
}

/* "in 3 days", "today", "3 days late". */
static char *
when_text (int      days,
           gboolean late)
{
  if (days == 0)
    return g_strdup (_("today"));
  if (days > 0)
    return g_strdup_printf (ngettext ("in %d day", "in %d days", days), days);
  if (late)
    return g_strdup_printf (ngettext ("%d day late", "%d days late", -days), -days);
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", -days), -days);
}

/* A column of wrapping texts (a figure's card) wraps to the width it
 * is given: its width never depends on its height. A horizontal GtkBox asks each child for its
 * width at the box's height: a wrapping label then searches for the narrowest width that fits
 * it in that height, a dozen layouts of its text each time, and a column of them asks each for
 * its height on one line. In this container they are asked for their width alone. */
static GtkSizeRequestMode
height_for_width_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The one child of WIDGET (a wrapper with a layout below), when it takes part in the layout. */
static GtkWidget *
laid_out_child (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL && gtk_widget_should_layout (child) ? child : NULL;
}

static void
width_alone_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GtkWidget *child = laid_out_child (widget);

  *minimum = *natural = 0;
  if (child != NULL)
    gtk_widget_measure (child, orientation,
                        orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                        minimum, natural, NULL, NULL);
}

static void
width_alone_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  GtkWidget *child = laid_out_child (widget);

  if (child != NULL)
    gtk_widget_allocate (child, width, height, -1, NULL);
}

/* CHILD in a container that asks it for its width alone. */
static GtkWidget *
width_alone_new (GtkWidget *child)
{
  /* A box only as a plain container: its own layout replaced. */
  GtkWidget *wrapper = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_layout_manager (wrapper, gtk_custom_layout_new (height_for_width_mode,
                                                                 width_alone_measure,
                                                                 width_alone_allocate));
  gtk_box_append (GTK_BOX (wrapper), child);
  return wrapper;
}

/* The page's content is a column as wide as it would naturally be, at most the width there is,
 * centred: what halign "center" would do, without its cost. GTK allocates a widget aligned
 * other than to fill only after asking it for the width it needs at the height it is given;
 * for a column of wrapping labels that is a search over widths, every label of the page laid
 * out at each of a dozen widths (at 100,000 petitions, 1,964 shapings of text before the
 * first frame where 853 are left; some 7 ms). The content fills what it is given here, which
 * GTK takes as it is. */

/* The width the content takes of the WIDTH there is: its natural width, at least its minimum. */
static int
column_child_width (GtkWidget *child,
                    int        width)
{
  int minimum;
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return MAX (minimum, MIN (width, natural));
}

static void
column_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  GtkWidget *child = laid_out_child (widget);

  *minimum = *natural = 0;
  if (child == NULL)
    return;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    gtk_widget_measure (child, orientation, -1, minimum, natural, NULL, NULL);
  else
    /* Without a width, at its natural width: the width it is given in a window wide enough,
     * so that this is measured once. (A list box's height at no width is its height at its
     * minimum width: every row laid out again at a width it is never given.) */
    gtk_widget_measure (child, orientation,
                        column_child_width (child, for_size < 0 ? G_MAXINT : for_size),
                        minimum, natural, NULL, NULL);
}

static void
column_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  GtkWidget *child = laid_out_child (widget);
  int child_width;
  int minimum;
  int natural;

  if (child == NULL)
    return;
  child_width = column_child_width (child, width);
  /* At the top, as tall as it would be at that width. */
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, &minimum, &natural, NULL,
                      NULL);
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { (width - child_width) / 2, 0, child_width,
                                               MAX (minimum, MIN (height, natural)) },
                            -1);
}

typedef struct
{
  const char *icon;
  char       *title;
  char       *detail;
  char       *action;
  GVariant   *target;
} RowText;

static void
item_text (const DtAttentionItem *item,
           RowText               *text)
{
  g_autofree char *date = shown_date (item->date);
  g_autofree char *due = shown_date (item->due);
  g_autofree char *when = when_text (item->days, item->late);
  const char *topic = item->name != NULL ? item->name : "";

  switch (item->kind)
    {
    case DT_ATTENTION_NOTICE:
      text->icon = "mail-send-symbolic";
      text->title = g_strdup_printf (_("Session %s on %s: notice"), item->code, date);
      if (item->done != NULL)
        {
          g_autofree char *done = shown_date (item->done);

          text->detail = item->late
            ? g_strdup_printf (_("The notice came out on %s, after the due date %s. %s"),
                               done, due, topic)
            : g_strdup_printf (_("Notice out on %s; the session is %s. %s"), done, when, topic);
        }
      else
        text->detail = item->late
          ? g_strdup_printf (_("The notice was due on %s (%s) and is not recorded. %s"), due,
                             when, topic)
          : g_strdup_printf (_("Post the notice by %s (%s). %s"), due, when, topic);
      text->action = g_strdup ("win.show-session");
      text->target = g_variant_new_string (item->code);
      break;

    case DT_ATTENTION_MINUTES:
      text->icon = "document-edit-symbolic";
      text->title = g_strdup_printf (_("Session %s on %s has passed"), item->code, date);
      text->detail = g_strdup (_("Record its minutes, or postpone or cancel it with the reason."));
      text->action = g_strdup ("win.show-session");
      text->target = g_variant_new_string (item->code);
      break;

    case DT_ATTENTION_CONCLUSION:
      text->icon = "emblem-documents-symbolic";
      text->title = g_strdup_printf (_("Conclusion notice of session %s (%s)"), item->code, date);
      text->detail = item->late
        ? g_strdup_printf (_("It was due on %s: %s."), due, when)
        : g_strdup_printf (_("Due on %s (%s): assign each opinion still open."), due, when);
      text->action = g_strdup ("win.show-session");
      text->target = g_variant_new_string (item->code);
      break;

    case DT_ATTENTION_OVERDUE:
      text->icon = "dialog-warning-symbolic";
      text->title = g_strdup_printf (ngettext ("%u petition overdue — %s",
                                               "%u petitions overdue — %s", item->count),
                                     item->count,
                                     item->name != NULL ? item->name : _("no agency"));
      {
        /* Grouped as the follow-up tab shows it: 2.066 ngày. */
        g_autofree char *days = format_count (item->most_days_overdue);

        text->detail = g_strdup_printf (ngettext ("The longest is %s day past its deadline.",
                                                  "The longest is %s days past its deadline.",
                                                  item->most_days_overdue),
                                        days);
      }
      text->action = g_strdup ("win.show-followup");
      text->target = g_variant_new ("(sb)", item->name != NULL ? item->name : "", TRUE);
      break;

    case DT_ATTENTION_DUE_SOON:
      text->icon = "alarm-symbolic";
      text->title = g_strdup_printf (ngettext ("%u petition due within a week — %s",
                                               "%u petitions due within a week — %s",
                                               item->count),
                                     item->count,
                                     item->name != NULL ? item->name : _("no agency"));
      text->detail = g_strdup_printf (_("The first deadline is %s (%s)."), due, when);
      text->action = g_strdup ("win.show-followup");
      text->target = g_variant_new ("(sb)", item->name != NULL ? item->name : "", FALSE);
      break;

    case DT_ATTENTION_REPORT:
    default:
      text->icon = "x-office-spreadsheet-symbolic";
      text->title = g_strdup_printf (_("Report %s due on %s"), item->period, due);
      text->detail = g_strdup_printf (_("Asked for by the plan %s; %s."), item->code, when);
      text->action = g_strdup ("win.open-report");
      text->target = g_variant_new ("(ss)", "period", item->period);
      break;
    }
}

static GtkWidget *
attention_row_new (const DtAttentionItem *item)
{
  RowText text = { 0 };
  g_autofree char *accessible = NULL;
  GtkWidget *row, *title, *detail;

  item_text (item, &text);

  title = dt_wrap_label_new (text.title);
  gtk_widget_add_css_class (title, "heading");
  detail = dt_wrap_label_new (text.detail);
  gtk_widget_add_css_class (detail, item->late ? "dt-late" : "dim-label");

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                              dt_row_content_new (text.icon, title, detail));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), text.action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), text.target);
  accessible = g_strdup_printf ("%s. %s", text.title, text.detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  g_free (text.title);
  g_free (text.detail);
  g_free (text.action);
  return row;
}

static void
show_today (DtOverviewPage *self,
            const GDate    *today)
{
  g_autofree char *date = dt_date_format_display (today);
  g_autofree char *lunar_text = NULL;
  g_autofree char *line = NULL;
  DtLunarDate lunar;

  if (dt_lunar_from_solar (today, &lunar, NULL))
    lunar_text = dt_lunar_format (&lunar);
  if (lunar_text != NULL)
    /* Translators: "Tuesday, 01/12/2026 — lunar calendar 12/10/2026 (Bính Ngọ)". */
    line = g_strdup_printf (_("%s, %s — lunar calendar %s"),
                            weekday_name (g_date_get_weekday (today)), date, lunar_text);
  else
    line = g_strdup_printf ("%s, %s", weekday_name (g_date_get_weekday (today)), date);
  gtk_label_set_label (self->today_label, line);
}

/* What the charts would show, in one string: equal, and nothing needs drawing again. */
static char *
progress_signature (const DtOverview *overview)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%d|%u|%u|%u|%u|%u|%u|%u|", overview->year,
                          overview->sessions_planned, overview->sessions_held,
                          overview->dialogues_held, overview->sessions_to_come,
                          overview->sessions_postponed, overview->sessions_cancelled,
                          overview->petitions.overdue);
  for (guint i = 0; i < DT_N_STATUSES; i++)
    g_string_append_printf (text, "%u,", overview->petitions.by_status[i]);
  for (guint i = 0; i < overview->by_field->len; i++)
    {
      DtNamedCount *count = g_ptr_array_index (overview->by_field, i);

      g_string_append_printf (text, "|%s=%u", count->name != NULL ? count->name : "", count->count);
    }
  return g_string_free (text, FALSE);
}

/* What the list would show, in one string. */
static char *
attention_signature (const DtOverview *overview)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < overview->items->len; i++)
    {
      DtAttentionItem *item = g_ptr_array_index (overview->items, i);

      g_string_append_printf (text, "\n%d|%d|%s|%s|%s|%s|%s|%d|%u|%d|%s", item->kind, item->late,
                              item->code, item->name, item->date, item->due, item->done,
                              item->days, item->count, item->most_days_overdue, item->period);
    }
  return g_string_free (text, FALSE);
}

/* The most urgent first; past the first few, one row offers the rest (an office behind on
 * many things reads the top of the list, and the page stays quick to build). */
static void
fill_attention (DtOverviewPage   *self,
                const DtOverview *overview)
{
  guint shown = self->show_all ? overview->items->len : MIN (overview->items->len, MAX_ROWS);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_list))) != NULL)
    gtk_list_box_remove (self->attention_list, child);
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->attention_list,
                         attention_row_new (g_ptr_array_index (overview->items, i)));
  if (shown < overview->items->len)
    {
      guint rest = overview->items->len - shown;
      g_autofree char *text = g_strdup_printf (ngettext ("Show %u more…", "Show %u more…", rest),
                                               rest);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, "attention-more");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "overview.show-all");
      gtk_list_box_append (self->attention_list, row);
    }
  self->n_items = overview->items->len;
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DtOverviewPage *self = DT_OVERVIEW_PAGE (widget);

  self->show_all = TRUE;
  if (self->overview != NULL)
    fill_attention (self, self->overview);
}

static void
show_attention (DtOverviewPage   *self,
                const DtOverview *overview)
{
  g_autofree char *signature = attention_signature (overview);

  /* A village added, a draft kept: the list stays as it is. */
  if (g_strcmp0 (signature, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_steal_pointer (&signature);

  fill_attention (self, overview);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_list), overview->items->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_empty), overview->items->len == 0);
}

/* This year's progress in the charts (OVERVIEW has it). */
static void
show_progress (DtOverviewPage   *self,
               const DtOverview *overview)
{
  g_autofree char *heading = NULL;
  g_autofree char *signature = progress_signature (overview);
  guint on_time;

  if (g_strcmp0 (signature, self->progress_shown) == 0)
    return;
  g_free (self->progress_shown);
  self->progress_shown = g_steal_pointer (&signature);

  heading = g_strdup_printf (_("Progress in %d"), overview->year);
  gtk_label_set_label (self->progress_heading, heading);

  dt_bar_chart_clear (self->sessions_chart);
  dt_bar_chart_add (self->sessions_chart, _("Dialogues held, of those planned"),
                    overview->dialogues_held, overview->sessions_planned, "#2ec27e");
  if (overview->sessions_held > overview->dialogues_held)
    dt_bar_chart_add (self->sessions_chart, _("Other sessions held"),
                      overview->sessions_held - overview->dialogues_held, -1, "#26a269");
  dt_bar_chart_add (self->sessions_chart, _("Still to come"), overview->sessions_to_come, -1,
                    "#3584e4");
  if (overview->sessions_postponed > 0)
    dt_bar_chart_add (self->sessions_chart, _("Postponed"), overview->sessions_postponed, -1,
                      "#e5a50a");
  if (overview->sessions_cancelled > 0)
    dt_bar_chart_add (self->sessions_chart, _("Cancelled"), overview->sessions_cancelled, -1,
                      "#9a9996");

  dt_bar_chart_clear (self->status_chart);
  for (guint i = 0; i < G_N_ELEMENTS (status_colors); i++)
    {
      DtStatus status = status_colors[i].status;
      guint n = overview->petitions.by_status[status];

      if (status == DT_STATUS_ASSIGNED)
        {
          /* Those past their deadline apart, in red. */
          on_time = n - MIN (n, overview->petitions.overdue);
          dt_bar_chart_add (self->status_chart, _("Being resolved, on time"), on_time, -1,
                            status_colors[i].color);
          dt_bar_chart_add (self->status_chart, _("Overdue"), overview->petitions.overdue, -1,
                            OVERDUE_COLOR);
          continue;
        }
      if (n > 0 || status == DT_STATUS_RECEIVED || status == DT_STATUS_RESOLVED)
        dt_bar_chart_add (self->status_chart, dt_status_label (status), n, -1,
                          status_colors[i].color);
    }

  dt_bar_chart_clear (self->field_chart);
  for (guint i = 0; i < overview->by_field->len && i < 8; i++)
    {
      DtNamedCount *count = g_ptr_array_index (overview->by_field, i);

      dt_bar_chart_add (self->field_chart, count->name != NULL ? count->name : _("No field"),
                        count->count, -1, "#1c71d8");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_chart_label), overview->petitions.total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_chart), overview->petitions.total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->field_chart_label), overview->by_field->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->field_chart), overview->by_field->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_petitions_label), overview->petitions.total == 0);
}

/* What the page shows of OVERVIEW: the list, and once OVERVIEW has it this year's progress
 * with the rest of the page. */
static void
show_overview (DtOverviewPage   *self,
               const DtOverview *overview)
{
  show_attention (self, overview);
  if (!overview->has_progress)
    return;
  show_progress (self, overview);
  gtk_widget_set_visible (self->progress, TRUE);
  gtk_widget_set_visible (self->rest, TRUE);
}

/* The first computation runs in a thread of its own, on a connection of its own
 * (dt_context_read_ahead ()), while the window makes and lays out its widgets: on two
 * processors the window's start waits for the longer of the two, not for both. It hands over
 * what needs attention as soon as it has it, for the first frame, and goes on with this year's
 * progress, which the rest of the page takes once that frame is painted: the frame is drawn
 * while no other thread runs. */
#define READ_AHEAD "overview"
/* On the context, the computation under way (OverviewRead), for the page to wait on its first
 * part without waiting for the thread. */
#define READ_KEY "dt-overview-read"

typedef struct
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  GCond           cond;
  gboolean        attention_done;  /* under MUTEX: the fields below up to PROGRESS are set */
  GDate           today;
  DtOverview     *overview;        /* what needs attention; NULL when it could not be read */
  double          ms;
  gint64          counts[G_N_ELEMENTS (counted)];
  gboolean        unit_named;
  DtOverview     *progress;        /* set by the thread afterwards: read once it has ended */
} OverviewRead;

static OverviewRead *
overview_read_ref (OverviewRead *read)
{
  g_atomic_ref_count_inc (&read->ref_count);
  return read;
}

static void
overview_read_unref (OverviewRead *read)
{
  if (!g_atomic_ref_count_dec (&read->ref_count))
    return;
  g_clear_pointer (&read->overview, dt_overview_free);
  g_clear_pointer (&read->progress, dt_overview_free);
  g_mutex_clear (&read->mutex);
  g_cond_clear (&read->cond);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OverviewRead, overview_read_unref)

/* The rest of the page, below the list: this year's progress (some 10 ms to compute at
 * 100,000 petitions, read ahead), the figures and the file. The window's first frame shows
 * what needs attention without waiting for them, nor for laying out and drawing what is below
 * it (in two more fonts); they come at the next turn of the main loop, one frame later. */
static gboolean
rest_task_cb (gpointer user_data)
{
  DtOverviewPage *self = user_data;
  g_autoptr(DtOverview) progress = NULL;
  g_autoptr(GError) error = NULL;

  self->rest_task_id = 0;
  if (self->overview == NULL || self->overview->has_progress || self->database == NULL)
    return G_SOURCE_REMOVE;
  /* Read ahead after what needs attention, or now when it was not (or the day or the
   * database changed meanwhile). */
  {
    g_autoptr(OverviewRead) read = dt_context_take_read_ahead (self->context, READ_AHEAD);

    if (read != NULL && g_date_compare (&read->today, &self->overview->today) == 0)
      progress = g_steal_pointer (&read->progress);
  }
  if (progress == NULL)
    progress = dt_overview_compute_progress (self->database, &self->overview->today, &error);
  if (progress != NULL)
    {
      dt_overview_add_progress (self->overview, progress);
      show_overview (self, self->overview);
    }
  else
    {
      /* The figures and the file are worth showing still; the charts are not. */
      g_warning ("Cannot work out this year's progress: %s", error->message);
      gtk_widget_set_visible (self->progress, FALSE);
      gtk_widget_set_visible (self->rest, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_paint (DtOverviewPage *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

/* What show_rest_later () began, forgotten: the page is hidden, or goes. */
static void
stop_showing_rest (DtOverviewPage *self)
{
  stop_waiting_for_paint (self);
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->rest_task_id);
  self->rest_task_id = 0;
}

static void
painted_cb (GdkFrameClock  *clock,
            DtOverviewPage *self)
{
  stop_waiting_for_paint (self);
  if (self->rest_task_id == 0 && self->context != NULL)
    self->rest_task_id = dt_context_add_idle (self->context, rest_task_cb, self);
}

/* Once the page as it is now is painted, the rest of it, when the overview lacks it. */
static void
show_rest_later (DtOverviewPage *self)
{
  GdkFrameClock *clock;

  if (self->overview == NULL || self->overview->has_progress || self->paint_id != 0 ||
      self->rest_task_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      !(clock = gtk_widget_get_frame_clock (GTK_WIDGET (self))))
    return;
  self->paint_clock = g_object_ref (clock);
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), self);
}

/* In the read-ahead's thread: DATA is the OverviewRead of the day asked about. */
static gpointer
read_ahead_func (DtDatabase  *database,
                 gpointer     data,
                 GError     **error)
{
  OverviewRead *read = data;
  gint64 started = g_get_monotonic_time ();
  DtOverview *overview;

  overview = dt_overview_compute_attention (database, &read->today, error);
  if (overview != NULL)
    {
      read_counts (database, read->counts, &read->unit_named);
      /* The lunar calendar's table is made by whichever thread first asks (some 4 ms): here,
       * not when the date line is written, even when nothing computed needed it. */
      {
        DtLunarDate lunar;

        dt_lunar_from_solar (&read->today, &lunar, NULL);
      }
    }
  g_mutex_lock (&read->mutex);
  read->overview = overview;
  read->ms = (g_get_monotonic_time () - started) / 1000.0;
  read->attention_done = TRUE;
  g_cond_broadcast (&read->cond);
  g_mutex_unlock (&read->mutex);
  if (overview == NULL)
    return NULL;

  /* A failure here is not the first part's: the page computes the progress itself. */
  read->progress = dt_overview_compute_progress (database, &read->today, NULL);
  return overview_read_ref (read);
}

void
dt_overview_page_read_ahead (DtContext *context)
{
  OverviewRead *read;

  g_return_if_fail (DT_IS_CONTEXT (context));

  read = g_new0 (OverviewRead, 1);
  g_atomic_ref_count_init (&read->ref_count);
  g_mutex_init (&read->mutex);
  g_cond_init (&read->cond);
  dt_context_get_today (context, &read->today);
  g_object_set_data_full (G_OBJECT (context), READ_KEY, overview_read_ref (read),
                          (GDestroyNotify) overview_read_unref);
  dt_context_read_ahead (context, READ_AHEAD, read_ahead_func, read,
                         (GDestroyNotify) overview_read_unref,
                         (GDestroyNotify) overview_read_unref);
  /* No thread: nothing to wait for, the page computes when shown. */
  if (!dt_context_is_reading_ahead (context, READ_AHEAD))
    g_object_set_data (G_OBJECT (context), READ_KEY, NULL);
}

/* Waits for what needs attention, if the first computation has it not yet, and shows it.
 * FALSE when there was none or it failed. */
static gboolean
finish_computation (DtOverviewPage *self)
{
  g_autoptr(OverviewRead) read = NULL;

  if (!self->computing)
    return FALSE;
  self->computing = FALSE;
  if (!(read = g_object_steal_data (G_OBJECT (self->context), READ_KEY)))
    return FALSE;
  g_mutex_lock (&read->mutex);
  while (!read->attention_done)
    g_cond_wait (&read->cond, &read->mutex);
  g_mutex_unlock (&read->mutex);
  if (read->overview == NULL)
    {
      /* Failed: said by the thread's error, when taken. */
      g_autoptr(OverviewRead) failed = dt_context_take_read_ahead (self->context, READ_AHEAD);

      return FALSE;
    }
  self->last_ms = read->ms;
  show_counts (self, read->counts, read->unit_named);
  show_today (self, &read->today);
  show_overview (self, read->overview);
  g_clear_pointer (&self->overview, dt_overview_free);
  /* The thread no longer touches it. */
  self->overview = g_steal_pointer (&read->overview);
  return TRUE;
}

/* The first computation's result, waited for if it still runs; computed here if it failed. */
static void
ensure_computed (DtOverviewPage *self)
{
  if (self->computing && !finish_computation (self))
    dt_overview_page_reload (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  DtOverviewPage *self = user_data;

  self->idle_id = 0;
  dt_overview_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* Many changes come together (a conclusion assigns a dozen petitions): one computation
 * after them; none while the tab is hidden, only when it is shown again. */
static void
queue_reload (DtOverviewPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (reload_idle_cb, self);
}

static void
database_changed_cb (DtDatabase     *database,
                     DtChanges      *changes,
                     DtOverviewPage *self)
{
  /* A draft kept as the secretary types changes nothing the overview shows. */
  if (!dt_changes_is_external (changes) && dt_changes_touches (changes, "drafts") &&
      !dt_changes_touches (changes, "petitions") && !dt_changes_touches (changes, "sessions") &&
      !dt_changes_touches (changes, "plans") && !dt_changes_touches (changes, "unit"))
    {
      gboolean other = FALSE;
      const char *tables[] = { "villages", "agencies", "fields", "calendar_days",
                               "calendar_years", "plan_reports_due", "planned_sessions" };

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        other |= dt_changes_touches (changes, tables[i]);
      if (!other)
        return;
    }
  queue_reload (self);
}

static void
today_changed_cb (DtContext      *context,
                  DtOverviewPage *self)
{
  queue_reload (self);
}

static void
dt_overview_page_map (GtkWidget *widget)
{
  DtOverviewPage *self = DT_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (dt_overview_page_parent_class)->map (widget);

  ensure_computed (self);
  /* Changes while it computed make it stale: computed again then. */
  if (self->stale)
    dt_overview_page_reload (self);
  show_rest_later (self);
}

static void
dt_overview_page_unmap (GtkWidget *widget)
{
  DtOverviewPage *self = DT_OVERVIEW_PAGE (widget);

  /* Added when the page is mapped again. */
  stop_showing_rest (self);

  GTK_WIDGET_CLASS (dt_overview_page_parent_class)->unmap (widget);
}

static void
disconnect (DtOverviewPage *self)
{
  if (self->database != NULL)
    g_clear_signal_handler (&self->changed_id, self->database);
  if (self->context != NULL)
    g_clear_signal_handler (&self->today_id, self->context);
}

static void
dt_overview_page_dispose (GObject *object)
{
  DtOverviewPage *self = (DtOverviewPage *) object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  stop_showing_rest (self);
  /* One still running is the context's, and goes with it. */
  disconnect (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DT_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->database);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->progress_shown, g_free);
  g_clear_pointer (&self->overview, dt_overview_free);

  G_OBJECT_CLASS (dt_overview_page_parent_class)->dispose (object);
}

static void
dt_overview_page_class_init (DtOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_overview_page_dispose;

  widget_class->map = dt_overview_page_map;
  widget_class->unmap = dt_overview_page_unmap;

  gtk_widget_class_install_action (widget_class, "overview.show-all", NULL, show_all_action);

  g_type_ensure (DT_TYPE_BAR_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/doithoai/DoiThoai/dt-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, attention_empty);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, attention_heading);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, attention_list);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, column);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, figures);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, field_chart);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, field_chart_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, no_petitions_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, petitions_value);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, plans_value);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, progress);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, progress_heading);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, rest);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, sessions_chart);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, sessions_chart_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, sessions_value);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, setup_card);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, status_chart);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, status_chart_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, today_label);
  gtk_widget_class_bind_template_child (widget_class, DtOverviewPage, villages_value);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dt_overview_page_init (DtOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->column, gtk_custom_layout_new (height_for_width_mode,
                                                                      column_measure,
                                                                      column_allocate));
  /* The figures' cards, side by side, are asked for their width alone, as the rows' labels
   * are (width_alone_new ()): each card is a column of wrapping labels. */
  for (GtkWidget *card = gtk_widget_get_first_child (self->figures), *next, *previous = NULL;
       card != NULL; card = next)
    {
      next = gtk_widget_get_next_sibling (card);
      g_object_ref (card);
      gtk_box_remove (GTK_BOX (self->figures), card);
      gtk_box_insert_child_after (GTK_BOX (self->figures), width_alone_new (card), previous);
      previous = gtk_widget_get_parent (card);
      g_object_unref (card);
    }
  dt_button_fix_name (self->setup_card);

  /* Each chart is named by the heading above it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->sessions_chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->sessions_chart_label, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->status_chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->status_chart_label, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->field_chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->field_chart_label, NULL, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->attention_list),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->attention_heading, NULL, -1);
}

DtDatabase *
dt_overview_page_get_database (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), NULL);

  return self->database;
}

void
dt_overview_page_set_context (DtOverviewPage *self,
                              DtContext      *context)
{
  g_return_if_fail (DT_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (context == NULL || DT_IS_CONTEXT (context));

  if (self->context == context)
    return;
  disconnect (self);
  stop_showing_rest (self);
  g_set_object (&self->context, context);
  g_clear_object (&self->database);
  if (context != NULL)
    self->database = g_object_ref (dt_context_get_database (context));
  if (self->database != NULL)
    {
      self->changed_id = g_signal_connect (self->database, "changed",
                                           G_CALLBACK (database_changed_cb), self);
      /* Now, while the page is not shown yet: on a shown label the tooltip would make GTK 4.8
       * ask the X server where the pointer is. */
      gtk_label_set_label (self->path_label, dt_database_get_path (self->database));
      dt_widget_set_tooltip (GTK_WIDGET (self->path_label),
                                          dt_database_get_path (self->database));
    }
  if (self->context != NULL)
    self->today_id = g_signal_connect (self->context, "today-changed",
                                       G_CALLBACK (today_changed_cb), self);
  dt_overview_page_reload (self);
}

/* Computes everything again. */
void
dt_overview_page_reload (DtOverviewPage *self)
{
  g_autoptr(DtOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  GDate today;

  g_return_if_fail (DT_IS_OVERVIEW_PAGE (self));

  self->stale = FALSE;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->database == NULL)
    {
      gtk_label_set_label (self->path_label, "");
      gtk_label_set_label (self->summary_label, "");
      return;
    }

  /* The first time, before the window is shown: in a thread, while the window is made, the
   * figures and the date line with it (the lunar calendar's table is made once, by whichever
   * thread asks first, 4 ms: here the other one). */
  if (self->overview == NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Begun already, as the window was made (dt_overview_page_read_ahead ()), or now. */
      if (!self->computing && !dt_context_is_reading_ahead (self->context, READ_AHEAD))
        dt_overview_page_read_ahead (self->context);
      self->computing = TRUE;
      return;
    }

  {
    gint64 counts[G_N_ELEMENTS (counted)];
    gboolean unit_named;

    read_counts (self->database, counts, &unit_named);
    show_counts (self, counts, unit_named);
  }

  dt_context_get_today (self->context, &today);
  show_today (self, &today);
  /* One already running is of no use now: what it read may be older. */
  if (dt_context_is_reading_ahead (self->context, READ_AHEAD))
    {
      g_autoptr(OverviewRead) older = dt_context_take_read_ahead (self->context, READ_AHEAD);

      g_object_set_data (G_OBJECT (self->context), READ_KEY, NULL);
    }
  self->computing = FALSE;

  /* Measured at 100,000 petitions well under 100 ms (tests/bench/bench-overview.c): quick
   * enough for the main loop. */
  started = g_get_monotonic_time ();
  overview = dt_overview_compute (self->database, &today, &error);
  self->last_ms = (g_get_monotonic_time () - started) / 1000.0;
  if (overview == NULL)
    {
      g_warning ("Cannot work out what needs attention: %s", error->message);
      return;
    }
  show_overview (self, overview);
  g_clear_pointer (&self->overview, dt_overview_free);
  self->overview = g_steal_pointer (&overview);
}

guint
dt_overview_page_get_n_items (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), 0);

  ensure_computed (self);
  return self->n_items;
}

double
dt_overview_page_get_last_ms (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), 0);

  ensure_computed (self);
  return self->last_ms;
}

/* TRUE once the whole page is shown: the list and, below it, the rest (this year's progress,
 * the figures, the file), which come one frame after the list the first time. */
gboolean
dt_overview_page_is_complete (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->rest);
}

/* TRUE while the rest of the page is on its way: its first frame is painted, or about to be,
 * and the rest is shown at the next turn of the main loop. */
gboolean
dt_overview_page_is_completing (DtOverviewPage *self)
{
  g_return_val_if_fail (DT_IS_OVERVIEW_PAGE (self), FALSE);

  return self->paint_id != 0 || self->rest_task_id != 0;
}
