/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-register-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dt-cell.h"
#include "dt-gui-util.h"
#include "dt-id-selection.h"
#include "dt-register-view.h"
#include "dt-status.h"
#include "dt-util.h"

typedef enum
{
  COLUMN_CODE,
  COLUMN_RECEIVED,
  COLUMN_PETITIONER,
  COLUMN_VILLAGE,
  COLUMN_FIELD,
  COLUMN_AGENCY,
  COLUMN_SUMMARY,
  COLUMN_STATUS,
  COLUMN_DEADLINE,
  COLUMN_LATE,
} Column;

/* Below this width, the narrow widths (1024×600 screens); above, the wide ones. */
#define WIDE_FROM 1100
/* Follow-up's list from this width (1366 wide, the window leaves it some 1,050): the agencies'
 * names in full, "Công chức Văn hóa - Xã hội" and the like. */
#define WIDER_FROM 1000

typedef struct
{
  Column      column;
  const char *title;       /* NC_("column", …) */
  int         narrow;      /* fixed widths; -1: takes what is left */
  int         wide;
  int         wider;       /* in follow-up from WIDER_FROM; 0: as wide */
  DtPetitionOrder order;   /* the order a click on its header asks for, or -1 */
} ColumnSpec;

static const ColumnSpec register_columns[] = {
  { COLUMN_CODE, NC_("column", "Code"), 92, 96, 0, DT_PETITION_ORDER_CODE },
  { COLUMN_RECEIVED, NC_("column", "Received"), 92, 96, 0, DT_PETITION_ORDER_RECEIVED },
  { COLUMN_PETITIONER, NC_("column", "Petitioner"), 132, 170, 0, DT_PETITION_ORDER_PETITIONER },
  { COLUMN_VILLAGE, NC_("column", "Village"), 104, 140, 0, -1 },
  { COLUMN_FIELD, NC_("column", "Field"), 112, 172, 0, -1 },
  { COLUMN_SUMMARY, NC_("column", "Summary"), -1, -1, 0, -1 },
  { COLUMN_STATUS, NC_("column", "Status"), 156, 184, 0, -1 },
  { COLUMN_DEADLINE, NC_("column", "Deadline"), 90, 100, 0, DT_PETITION_ORDER_DEADLINE },
};

static const ColumnSpec followup_columns[] = {
  { COLUMN_CODE, NC_("column", "Code"), 88, 96, 0, DT_PETITION_ORDER_CODE },
  { COLUMN_DEADLINE, NC_("column", "Deadline"), 88, 100, 0, DT_PETITION_ORDER_DEADLINE },
  { COLUMN_LATE, NC_("column", "Status"), 150, 168, 0, DT_PETITION_ORDER_DAYS_OVERDUE },
  { COLUMN_AGENCY, NC_("column", "Agency"), 100, 190, 236, -1 },
  { COLUMN_PETITIONER, NC_("column", "Petitioner"), 128, 170, 0, DT_PETITION_ORDER_PETITIONER },
  { COLUMN_SUMMARY, NC_("column", "Summary"), -1, -1, 0, -1 },
};

struct _DtRegisterView
{
  GtkWidget           parent_instance;

  DtRegisterMode      mode;
  DtContext          *context;
  DtPetitionList     *list;
  DtIdSelection      *selection;
  GtkColumnView      *column_view;
  GtkScrolledWindow  *scroller;
  GHashTable         *bound;      /* GtkListItem → its Column, those on screen */
  GHashTable         *unnamed;    /* bound items not yet named for screen readers */
  guint               name_id;
  gboolean            show_confidential;
  guint               widths_id;
  guint               changing;   /* nested begin_change () */
  guint               attach_id;
  guint               grow_id;     /* the idle task showing GTK more rows */
  gulong              grow_paint_id;
  GdkFrameClock      *grow_clock;
  guint               release_id;
  guint               hidden_seconds;
  gint64              release_frames; /* the window's frame counter at the last look */
  guint               restore_id;  /* tick callback, until the rows are back */
  guint               restore_tries;
  double              kept_scroll; /* where the list was scrolled when its rows were let go */
  gulong              dirty_id;
  guint               sorting : 1;
  guint               attached : 1;   /* the column view has the model */
  guint               may_attach : 1; /* shown, or the window had its first frame */
  guint               dormant : 1;    /* hidden: the list does not follow the database */
  guint               dirty : 1;      /* the database changed while it was dormant */
  guint               wide : 2;     /* 0 narrow, 1 wide, 2 wider (the columns' widths) */
  guint               mapping : 1;
};

G_DEFINE_FINAL_TYPE (DtRegisterView, dt_register_view, GTK_TYPE_WIDGET)

static void ensure_list (DtRegisterView *self);
static void stop_growing (DtRegisterView *self);

enum {
  PROP_0,
  PROP_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATED,
  SELECTION_CHANGED,
  ORDER_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const ColumnSpec *
columns_of (DtRegisterView *self,
            guint          *n)
{
  if (self->mode == DT_REGISTER_MODE_FOLLOWUP)
    {
      *n = G_N_ELEMENTS (followup_columns);
      return followup_columns;
    }
  *n = G_N_ELEMENTS (register_columns);
  return register_columns;
}

/* What the follow-up list says of a deadline: how far off it is as of today. */
static char *
late_text (DtRegisterView *self,
           DtPetitionRow  *row,
           const char    **css_class)
{
  const char *deadline = dt_petition_row_get_deadline (row);
  DtStatus status = dt_petition_row_get_status (row);
  int overdue = dt_petition_row_get_days_overdue (row);
  g_autofree char *count = NULL;
  GDate today, date;
  int days;

  if (status == DT_STATUS_RECEIVED)
    return g_strdup (_("Not yet assigned"));
  if (status == DT_STATUS_ESCALATED)
    return g_strdup (_("Sent on"));
  if (overdue > 0)
    {
      *css_class = "dt-overdue";
      count = dt_format_count (overdue);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day overdue", "%s days overdue",
                                           overdue), count);
    }
  if (deadline == NULL || !dt_date_parse (deadline, &date) || status != DT_STATUS_ASSIGNED)
    return g_strdup ("");
  dt_context_get_today (self->context, &today);
  days = g_date_days_between (&today, &date);
  if (days <= DT_DUE_SOON_DAYS)
    *css_class = "dt-due-soon";
  if (days == 0)
    return g_strdup (_("Due today"));
  count = dt_format_count (days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %s day", "Due in %s days", days),
                          count);
}

/* Overdue in red, due within 7 days in amber. */
static const char *
deadline_class (DtRegisterView *self,
                DtPetitionRow  *row)
{
  const char *deadline = dt_petition_row_get_deadline (row);
  GDate today, date;

  if (dt_petition_row_get_days_overdue (row) > 0)
    return "dt-overdue";
  if (dt_petition_row_get_status (row) != DT_STATUS_ASSIGNED || deadline == NULL ||
      !dt_date_parse (deadline, &date))
    return NULL;
  dt_context_get_today (self->context, &today);
  return g_date_days_between (&today, &date) <= DT_DUE_SOON_DAYS ? "dt-due-soon" : NULL;
}

/* What a status is called in a list column: short, the whole of it in the tooltip. */
static const char *
short_status (DtStatus status)
{
  static const char * const labels[DT_N_STATUSES] = {
    [DT_STATUS_RESOLVED] = NC_("status in a list", "Resolved"),
    [DT_STATUS_ANSWERED] = NC_("status in a list", "Answered at the session"),
    [DT_STATUS_DECLINED] = NC_("status in a list", "Outside our remit"),
    [DT_STATUS_WITHDRAWN] = NC_("status in a list", "Withdrawn"),
    [DT_STATUS_ESCALATED] = NC_("status in a list", "Sent on"),
    [DT_STATUS_ASSIGNED] = NC_("status in a list", "Being resolved"),
    [DT_STATUS_RECEIVED] = NC_("status in a list", "Not yet assigned"),
  };

  g_return_val_if_fail (status < DT_N_STATUSES, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "status in a list", labels[status]);
}

static char *
cell_text (DtRegisterView *self,
           DtPetitionRow  *row,
           Column          column,
           const char    **css_class)
{
  *css_class = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      return g_strdup (dt_petition_row_get_code (row));
    case COLUMN_RECEIVED:
      return dt_format_date (dt_petition_row_get_received (row));
    case COLUMN_PETITIONER:
      if (dt_petition_row_get_confidential (row))
        *css_class = "dt-confidential";
      return g_strdup (self->show_confidential ? dt_petition_row_get_petitioner (row)
                                               : dt_petition_row_get_petitioner_shown (row));
    case COLUMN_VILLAGE:
      return g_strdup (dt_petition_row_get_village (row));
    case COLUMN_FIELD:
      return g_strdup (dt_petition_row_get_field (row));
    case COLUMN_AGENCY:
      return g_strdup (dt_petition_row_get_agency (row));
    case COLUMN_SUMMARY:
      if (dt_petition_row_get_duplicate (row))
        {
          *css_class = "dt-duplicate";
          /* Translators: a duplicate's summary in a list. */
          return g_strdup_printf (_("(duplicate) %s"),
                                  dt_petition_row_get_summary (row) != NULL
                                  ? dt_petition_row_get_summary (row) : "");
        }
      return g_strdup (dt_petition_row_get_summary (row));
    case COLUMN_STATUS:
      if (dt_petition_row_get_days_overdue (row) > 0)
        {
          *css_class = "dt-overdue";
          return g_strdup (_("Overdue"));
        }
      return g_strdup (short_status (dt_petition_row_get_status (row)));
    case COLUMN_DEADLINE:
      *css_class = deadline_class (self, row);
      return dt_format_date (dt_petition_row_get_deadline (row));
    case COLUMN_LATE:
      return late_text (self, row, css_class);
    default:
      g_assert_not_reached ();
    }
}

/* What a cell of the list says on hover: a status's whole name, or all of what the cell shows
 * (cut short in a narrow column); NULL for nothing. Asked for only when the pointer rests on
 * it: setting a tooltip on each cell as rows scroll by makes GTK 4.8 ask the X server where the
 * pointer is, every time. Kept as the status (plus one) on a status's cell, not as a copy of
 * the text: the rows are bound again and again as the list scrolls. */
const char *
dt_register_view_cell_tooltip (GtkWidget *cell)
{
  guint status;
  const char *text;

  g_return_val_if_fail (DT_IS_CELL (cell), NULL);

  status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "dt-status"));
  text = status > 0 ? dt_status_label (status - 1) : dt_cell_get_text (DT_CELL (cell));
  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = dt_register_view_cell_tooltip (cell);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          DtRegisterView           *self)
{
  GtkWidget *cell = dt_cell_new ();

  gtk_widget_add_css_class (cell, "dt-cell");
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, cell);
}

static void name_item  (DtRegisterView *self,
                        GtkListItem    *item,
                        Column          column,
                        DtPetitionRow  *row);
static void name_later (DtRegisterView *self,
                        GtkListItem    *item);

/* Rows are bound again and again as the list scrolls (GTK 4.8 keeps 200 of them around the
 * view, eight cells each): what did not change is not touched, a style class above all. */
static void
set_cell_class (GtkWidget  *cell,
                const char *css_class)
{
  const char *current = g_object_get_data (G_OBJECT (cell), "dt-class");

  if (g_strcmp0 (current, css_class) == 0)
    return;
  if (current != NULL)
    gtk_widget_remove_css_class (cell, current);
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);
  /* Static strings. */
  g_object_set_data (G_OBJECT (cell), "dt-class", (gpointer) css_class);
}

static void
bind_item (DtRegisterView *self,
           GtkListItem    *item,
           Column          column)
{
  /* The item is only the petition's id: the row comes from the list, for what is shown. */
  g_autoptr(DtPetitionRow) row = gtk_list_item_get_item (item) != NULL
                                 ? dt_id_selection_get_row (self->selection,
                                                            gtk_list_item_get_position (item))
                                 : NULL;
  GtkWidget *cell = gtk_list_item_get_child (item);
  const char *css_class = NULL;
  g_autofree char *text = NULL;
  gboolean changed;

  if (row == NULL)
    {
      set_cell_class (cell, NULL);
      return;
    }
  text = cell_text (self, row, column, &css_class);
  changed = dt_cell_set_text (DT_CELL (cell), text);
  set_cell_class (cell, css_class);
  /* Cut short in a narrow column: the whole of it on hover (dt_register_view_cell_tooltip ()). */
  if (column == COLUMN_STATUS)
    g_object_set_data (G_OBJECT (cell), "dt-status",
                       GUINT_TO_POINTER (dt_petition_row_get_status (row) + 1));
  /* A cell seen for the first time is named even when it shows nothing. */
  if (g_object_get_data (G_OBJECT (cell), "dt-named") == NULL)
    {
      changed = TRUE;
      g_object_set_data (G_OBJECT (cell), "dt-named", GINT_TO_POINTER (1));
    }
  if (!changed && column != COLUMN_CODE)
    return;
  /* Moving through the list from the keyboard, as with a screen reader, the row she lands on
   * is named before it can be read out: at once. Scrolled with the pointer, once painted. */
  if (gtk_widget_get_state_flags (GTK_WIDGET (self->column_view)) & GTK_STATE_FLAG_FOCUS_WITHIN)
    name_item (self, item, column, row);
  else
    name_later (self, item);
}

/* What ITEM's cell, and its row for the first column, are called for a screen reader: what
 * they show. GTK 4.8 names the cells and rows of a column view after their types. ROW is the
 * petition ITEM shows, or NULL to look it up. */
static void
name_item (DtRegisterView *self,
           GtkListItem    *item,
           Column          column,
           DtPetitionRow  *row)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  const char *text = dt_cell_get_text (DT_CELL (cell));
  GtkWidget *cell_widget = gtk_widget_get_parent (cell);
  GtkWidget *row_widget = cell_widget != NULL ? gtk_widget_get_parent (cell_widget) : NULL;
  g_autoptr(DtPetitionRow) looked_up = NULL;

  if (text == NULL)
    text = "";
  dt_widget_set_label (cell, text);
  if (cell_widget != NULL)
    dt_widget_set_label (cell_widget, text);
  if (column != COLUMN_CODE || row_widget == NULL || gtk_list_item_get_item (item) == NULL)
    return;
  if (row == NULL)
    row = looked_up = dt_id_selection_get_row (self->selection, gtk_list_item_get_position (item));
  if (row == NULL)
    return;

  {
    const char *who = self->show_confidential ? dt_petition_row_get_petitioner (row)
                                              : dt_petition_row_get_petitioner_shown (row);
    g_autofree char *name = g_strdup_printf ("%s, %s, %s", dt_petition_row_get_code (row),
                                             who != NULL ? who : "",
                                             dt_petition_row_get_summary (row) != NULL
                                             ? dt_petition_row_get_summary (row) : "");

    dt_widget_set_label (row_widget, name);
  }
}

static gboolean
name_idle_cb (gpointer user_data)
{
  DtRegisterView *self = user_data;
  GHashTableIter iter;
  gpointer item;

  self->name_id = 0;
  g_hash_table_iter_init (&iter, self->unnamed);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      gpointer column;

      if (g_hash_table_lookup_extended (self->bound, item, NULL, &column))
        name_item (self, item, GPOINTER_TO_UINT (column), NULL);
      g_hash_table_iter_remove (&iter);
    }
  return G_SOURCE_REMOVE;
}

/* Named once the list is painted: as the list scrolls, GTK rebinds the 200 rows it keeps at
 * each frame, and naming their 1,600 cells then took a fifth of each frame's time. A screen
 * reader asks for a name as soon as it hears of the focus, before an idle: rows bound while
 * the focus is in the list are named at once (bind_item ()). */
static void
name_later (DtRegisterView *self,
            GtkListItem    *item)
{
  g_hash_table_add (self->unnamed, item);
  if (self->name_id == 0)
    self->name_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_idle_cb, self, NULL);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         DtRegisterView           *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "dt-column"));

  g_hash_table_insert (self->bound, item, GUINT_TO_POINTER (column));
  bind_item (self, item, column);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           DtRegisterView           *self)
{
  g_hash_table_remove (self->bound, item);
  g_hash_table_remove (self->unnamed, item);
}

/* What the rows on screen say, said again (the day changed, names shown or masked). */
static void
rebind_all (DtRegisterView *self)
{
  GHashTableIter iter;
  gpointer item, column;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &column))
    bind_item (self, item, GPOINTER_TO_UINT (column));
}

static void
today_changed_cb (DtRegisterView *self,
                  DtContext      *context)
{
  g_autoptr(GError) error = NULL;

  /* Statuses are as of today: read again. */
  if (self->list != NULL && !dt_petition_list_refresh (self->list, &error))
    g_warning ("The list of petitions could not be read again: %s", error->message);
  rebind_all (self);
}

static void
activate_cb (DtRegisterView *self,
             guint           position,
             GtkColumnView  *view)
{
  if (self->list == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;
  g_signal_emit (self, signals[ACTIVATED], 0, dt_petition_list_get_id (self->list, position));
}

static void
selection_changed_cb (DtRegisterView    *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* The rows shown from POSITION hold other petitions now (or the same, changed): bound again.
 * What is chosen is kept by id: it may be shown elsewhere now, or not at all. */
static void
contents_changed_cb (DtRegisterView *self,
                     guint           position,
                     guint           n_items,
                     DtIdSelection  *selection)
{
  GHashTableIter iter;
  gpointer item, column;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, &column))
    {
      guint shown = gtk_list_item_get_position (item);

      if (shown >= position && shown - position < n_items)
        bind_item (self, item, GPOINTER_TO_UINT (column));
    }
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* Header clicks choose the order the core sorts by; nothing is sorted by GTK itself. */
static void
sorter_changed_cb (DtRegisterView *self,
                   GtkSorterChange change,
                   GtkSorter      *sorter)
{
  GtkColumnViewColumn *column;
  guint n;
  const ColumnSpec *specs = columns_of (self, &n);

  if (self->sorting)
    return;
  column = gtk_column_view_sorter_get_primary_sort_column (GTK_COLUMN_VIEW_SORTER (sorter));
  for (guint i = 0; column != NULL && i < n; i++)
    if (g_object_get_data (G_OBJECT (column), "dt-spec") == &specs[i] && (int) specs[i].order >= 0)
      g_signal_emit (self, signals[ORDER_CHOSEN], 0, (int) specs[i].order);
}
#endif

static void
build_columns (DtRegisterView *self)
{
  guint n;
  const ColumnSpec *specs = columns_of (self, &n);

  for (guint i = 0; i < n; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "dt-column", GUINT_TO_POINTER (specs[i].column));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
      column = gtk_column_view_column_new (g_dpgettext2 (GETTEXT_PACKAGE, "column",
                                                         specs[i].title), factory);
      g_object_set_data (G_OBJECT (column), "dt-spec", (gpointer) &specs[i]);
      if (specs[i].narrow > 0)
        gtk_column_view_column_set_fixed_width (column, specs[i].narrow);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_column_set_resizable (column, TRUE);
#if GTK_CHECK_VERSION (4, 10, 0)
      if ((int) specs[i].order >= 0)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (NULL, NULL, NULL));
          gtk_column_view_column_set_sorter (column, sorter);
        }
#endif
      gtk_column_view_append_column (self->column_view, column);
    }
#if GTK_CHECK_VERSION (4, 10, 0)
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
#endif
}

static gboolean
apply_widths_cb (gpointer user_data)
{
  DtRegisterView *self = user_data;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n;
  const ColumnSpec *specs = columns_of (self, &n);

  self->widths_id = 0;
  for (guint i = 0; i < n && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      int width = self->wide == 2 && specs[i].wider > 0 ? specs[i].wider
                  : self->wide > 0 ? specs[i].wide : specs[i].narrow;

      if (width > 0)
        gtk_column_view_column_set_fixed_width (column, width);
    }
  return G_SOURCE_REMOVE;
}

static void
dt_register_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  gtk_widget_measure (GTK_WIDGET (DT_REGISTER_VIEW (widget)->scroller), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* Wider columns on a wider window; set after the allocation, never during it. */
static void
dt_register_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  DtRegisterView *self = DT_REGISTER_VIEW (widget);
  guint wide = width >= WIDE_FROM - (self->mode == DT_REGISTER_MODE_FOLLOWUP ? 300 : 0);

  if (self->mode == DT_REGISTER_MODE_FOLLOWUP && width >= WIDER_FROM)
    wide = 2;

  gtk_widget_allocate (GTK_WIDGET (self->scroller), width, height, baseline, NULL);
  if (wide != self->wide)
    {
      self->wide = wide;
      if (self->widths_id == 0)
        self->widths_id = g_idle_add (apply_widths_cb, self);
    }
}

/* The headers of the columns, by their titles (GTK 4.8 calls them GtkColumnViewTitle). */
static void
name_headers (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkColumnViewTitle"))
        {
          GtkWidget *label = child;

          while (label != NULL && !GTK_IS_LABEL (label))
            label = gtk_widget_get_first_child (label);
          if (label != NULL)
            dt_widget_set_label (child, gtk_label_get_label (GTK_LABEL (label)));
          continue;
        }
      /* The row of headers: what it holds. */
      if (gtk_widget_get_first_child (child) != NULL &&
          g_str_equal (G_OBJECT_TYPE_NAME (gtk_widget_get_first_child (child)),
                       "GtkColumnViewTitle"))
        {
          dt_widget_set_label (child, _("Column headers"));
          name_headers (child);
          continue;
        }
      if (!GTK_IS_LIST_VIEW (child))
        name_headers (child);
    }
}

static void
dt_register_view_constructed (GObject *object)
{
  DtRegisterView *self = (DtRegisterView *) object;

  G_OBJECT_CLASS (dt_register_view_parent_class)->constructed (object);

  build_columns (self);
  name_headers (GTK_WIDGET (self->column_view));
  if (self->mode == DT_REGISTER_MODE_FOLLOWUP)
    gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "dt-followup-list");
}

static void
dt_register_view_dispose (GObject *object)
{
  DtRegisterView *self = (DtRegisterView *) object;

  if (self->scroller != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->scroller));
      self->scroller = NULL;
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->attach_id);
  self->attach_id = 0;
  stop_growing (self);
  g_clear_handle_id (&self->release_id, g_source_remove);
  g_clear_object (&self->context);
  g_clear_handle_id (&self->name_id, g_source_remove);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->unnamed, g_hash_table_unref);
  g_clear_handle_id (&self->widths_id, g_source_remove);

  G_OBJECT_CLASS (dt_register_view_parent_class)->dispose (object);
}

static void
dt_register_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DtRegisterView *self = DT_REGISTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      self->mode = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_register_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DtRegisterView *self = DT_REGISTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_int (value, self->mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
dt_register_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (DT_REGISTER_VIEW (widget)->column_view));
}

/* The view is given the list when it is first shown, or once the window is idle (building the
 * rows of a list nobody looks at would only delay the window's first frame; ready before the
 * tab is first shown, its first showing is quick), and takes it back a moment after it is
 * hidden: GTK 4.8 keeps some 200 rows of widgets (six or eight cells each) for a column view
 * with a model, about 10 MiB, and a tab she has left needs none of them. */
#define RELEASE_SECONDS 3

/* Once the rows are back and measured, the list is where it was left. */
static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  DtRegisterView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  double top = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  /* The first frame lays the rows out from the top; the list's own position is then known. */
  if (self->restore_tries++ == 0 || (top <= 0 && self->restore_tries < 4))
    return G_SOURCE_CONTINUE;
  self->restore_id = 0;
  gtk_adjustment_set_value (adjustment, MIN (self->kept_scroll, MAX (top, 0)));
  self->kept_scroll = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->column_view), 1);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8 makes the widgets of 200 rows as soon as a column view has its model, though a
 * window shows some 25 of them: 35–60 ms for the register's on a slow machine, all of it in
 * the frame of a tab's first showing. The view is told first of the rows that fill the
 * window, then of some more after each frame (or each idle moment while hidden), and once it
 * has made its 200, of the whole list. GTK 4.12 and later make only the rows shown. */
#define GROW_ROWS 40
#define GTK_MAKES_ROWS 200

static gboolean grow_cb (gpointer user_data);

static void
stop_growing (DtRegisterView *self)
{
  if (self->context != NULL)
    dt_context_cancel_idle (self->context, self->grow_id);
  self->grow_id = 0;
  /* A clock let go with its window has no handlers left. */
  if (self->grow_paint_id != 0 &&
      g_signal_handler_is_connected (self->grow_clock, self->grow_paint_id))
    g_signal_handler_disconnect (self->grow_clock, self->grow_paint_id);
  self->grow_paint_id = 0;
  g_clear_object (&self->grow_clock);
}

/* The view shown all the rows now, for what needs a row not yet shown. */
static void
show_all_rows (DtRegisterView *self)
{
  stop_growing (self);
  if (self->selection != NULL)
    dt_id_selection_set_limit (self->selection, G_MAXUINT);
}

static void
grow_after_paint_cb (GdkFrameClock  *clock,
                     DtRegisterView *self)
{
  stop_growing (self);
  self->grow_id = dt_context_add_idle (self->context, grow_cb, self);
}

/* More rows once this frame is painted, or at once while the rows are not on screen. */
static void
grow_later (DtRegisterView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && (self->mapping || gtk_widget_get_mapped (GTK_WIDGET (self))))
    {
      self->grow_clock = g_object_ref (clock);
      self->grow_paint_id = g_signal_connect (clock, "after-paint",
                                              G_CALLBACK (grow_after_paint_cb), self);
    }
  else
    self->grow_id = dt_context_add_idle (self->context, grow_cb, self);
}

static gboolean
grow_cb (gpointer user_data)
{
  DtRegisterView *self = user_data;
  guint limit = dt_id_selection_get_limit (self->selection);

  self->grow_id = 0;
  if (limit >= GTK_MAKES_ROWS - GROW_ROWS)
    {
      show_all_rows (self);
      return G_SOURCE_REMOVE;
    }
  dt_id_selection_set_limit (self->selection, limit + GROW_ROWS);
  grow_later (self);
  return G_SOURCE_REMOVE;
}

/* The rows first shown: enough to fill the window, taken as rows of 20 pixels at least. */
static guint
first_rows (DtRegisterView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = root != NULL ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

  return MAX (GROW_ROWS, (height > 0 ? height : 1080) / 20 + 1);
}

static void
update_attachment (DtRegisterView *self)
{
  gboolean wanted = self->selection != NULL && self->may_attach && self->changing == 0;

  if (wanted == self->attached)
    return;
  self->attached = wanted;
  stop_growing (self);
  if (!wanted)
    {
      /* Let go first: told of the rest of the list before, GTK would make its rows. */
      gtk_column_view_set_model (self->column_view, NULL);
      if (self->selection != NULL)
        dt_id_selection_set_limit (self->selection, G_MAXUINT);
    }
  else
    {
      /* Rows a few at a time (above), unless the list is to be scrolled back to where it was. */
      guint first = first_rows (self);
      gboolean few = self->kept_scroll == 0 && gtk_get_minor_version () < 12 &&
                     g_list_model_get_n_items (G_LIST_MODEL (self->list)) > first;

      dt_id_selection_set_limit (self->selection, few ? first : G_MAXUINT);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
      if (few)
        grow_later (self);
    }
  if (wanted && self->kept_scroll > 0 && self->restore_id == 0)
    {
      /* Where the rows were let go, not where a new search or filter puts them. */
      /* Not the top of the list for a frame, but nothing until it is in place. */
      gtk_widget_set_opacity (GTK_WIDGET (self->column_view), 0);
      self->restore_tries = 0;
      self->restore_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view),
                                                       restore_scroll_cb, self, NULL);
    }
  else if (!wanted && self->restore_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->restore_id);
      gtk_widget_set_opacity (GTK_WIDGET (self->column_view), 1);
      self->restore_id = 0;
    }
}

static gboolean
attach_idle_cb (gpointer user_data)
{
  DtRegisterView *self = user_data;

  self->attach_id = 0;
  self->may_attach = TRUE;
  update_attachment (self);
  return G_SOURCE_REMOVE;
}

static gint64
frames_painted (DtRegisterView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkFrameClock *clock = root != NULL ? gtk_widget_get_frame_clock (GTK_WIDGET (root)) : NULL;

  return clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;
}

/* Once a second while hidden. Letting 200 rows go takes longer than a frame (25–35 ms on a
 * slow machine): not in a second when the window painted more than a few frames (her
 * scrolling the list of another tab, say), unless it has been hidden a long while. */
#define QUIET_FRAMES 5
#define RELEASE_LATEST_SECONDS 30

static gboolean
release_cb (gpointer user_data)
{
  DtRegisterView *self = user_data;
  gint64 frames = frames_painted (self);
  gboolean busy = frames - self->release_frames > QUIET_FRAMES;

  self->release_frames = frames;
  if (++self->hidden_seconds < RELEASE_SECONDS ||
      (busy && self->hidden_seconds < RELEASE_LATEST_SECONDS))
    return G_SOURCE_CONTINUE;
  self->release_id = 0;
  if (self->attached && self->restore_id == 0)
    self->kept_scroll = gtk_adjustment_get_value (
      gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)));
  self->may_attach = FALSE;
  update_attachment (self);
  /* The freed rows lie among memory still in use: glibc keeps such pages unless asked. */
  dt_context_release_memory_later (self->context);
  return G_SOURCE_REMOVE;
}

/* Hidden, the list stops following the database: each saved petition would otherwise read
 * the ids of every list again, shown or not. Shown again, it catches up in one read. */
static void
set_dormant (DtRegisterView *self,
             gboolean        dormant)
{
  DtDatabase *db;

  if (self->list == NULL || self->dormant == !!dormant)
    return;
  db = dt_petition_list_get_database (self->list);
  self->dormant = !!dormant;
  if (dormant)
    {
      g_signal_handlers_block_matched (db, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self->list);
      return;
    }
  g_signal_handlers_unblock_matched (db, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self->list);
  if (self->dirty)
    {
      g_autoptr(GError) error = NULL;

      self->dirty = FALSE;
      if (!dt_petition_list_refresh (self->list, &error))
        g_warning ("The list of petitions could not be read again: %s", error->message);
    }
}

static void
dormant_changed_cb (DtRegisterView *self,
                    DtChanges      *changes,
                    DtDatabase     *db)
{
  static const char * const shown[] = {
    "petitions", "petition_events", "villages", "fields", "agencies", "sessions",
    "calendar_years", "calendar_days", "unit", NULL
  };

  if (!self->dormant)
    return;
  for (guint i = 0; shown[i] != NULL; i++)
    if (dt_changes_touches (changes, shown[i]))
      self->dirty = TRUE;
}

static void
dt_register_view_map (GtkWidget *widget)
{
  DtRegisterView *self = DT_REGISTER_VIEW (widget);

  ensure_list (self);
  set_dormant (self, FALSE);
  g_clear_handle_id (&self->release_id, g_source_remove);
  self->may_attach = TRUE;
  self->mapping = TRUE;
  update_attachment (self);
  self->mapping = FALSE;

  GTK_WIDGET_CLASS (dt_register_view_parent_class)->map (widget);
}

static void
dt_register_view_unmap (GtkWidget *widget)
{
  DtRegisterView *self = DT_REGISTER_VIEW (widget);

  GTK_WIDGET_CLASS (dt_register_view_parent_class)->unmap (widget);

  set_dormant (self, TRUE);
  /* A quick look at another tab and back keeps them. */
  if (self->release_id == 0)
    {
      self->hidden_seconds = 0;
      self->release_frames = frames_painted (self);
      self->release_id = g_timeout_add (1000, release_cb, self);
    }
}

static void
dt_register_view_class_init (DtRegisterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dt_register_view_constructed;
  object_class->dispose = dt_register_view_dispose;
  object_class->get_property = dt_register_view_get_property;
  object_class->set_property = dt_register_view_set_property;
  widget_class->grab_focus = dt_register_view_grab_focus;
  widget_class->map = dt_register_view_map;
  widget_class->unmap = dt_register_view_unmap;
  widget_class->measure = dt_register_view_measure;
  widget_class->size_allocate = dt_register_view_size_allocate;

  properties[PROP_MODE] =
    g_param_spec_int ("mode", NULL, NULL, DT_REGISTER_MODE_REGISTER, DT_REGISTER_MODE_FOLLOWUP,
                      DT_REGISTER_MODE_REGISTER,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DtRegisterView::activated:
   * @id: the petition's row id
   *
   * A row was opened: Enter, or a double click.
   */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  /**
   * DtRegisterView::order-chosen:
   * @order: a DtPetitionOrder
   *
   * A column header was clicked (GTK 4.10 and later).
   */
  signals[ORDER_CHOSEN] = g_signal_new ("order-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "dt-register-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* Rows scrolled past, or a search's rows replaced: their memory goes back once it is quiet. */
static void
memory_freed_cb (DtRegisterView *self)
{
  if (self->context != NULL)
    dt_context_release_memory_later (self->context);
}

static void
dt_register_view_init (DtRegisterView *self)
{
  self->bound = g_hash_table_new (NULL, NULL);
  self->unnamed = g_hash_table_new (NULL, NULL);
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroller), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->scroller), GTK_WIDGET (self));

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->column_view));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (memory_freed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
dt_register_view_new (DtRegisterMode mode)
{
  return g_object_new (DT_TYPE_REGISTER_VIEW, "mode", mode, NULL);
}

/* The list is read when it is first asked for, or shown. */
/* The list, read with FILTER and ORDER when it is made now. */
static gboolean
ensure_list_with_view (DtRegisterView          *self,
                       const DtPetitionFilter  *filter,
                       DtPetitionOrder          order,
                       GArray                  *ids,
                       GError                 **error)
{
  g_autoptr(DtPetitionList) list = NULL;

  if (self->list != NULL || self->context == NULL)
    return TRUE;

  list = ids != NULL ? dt_petition_list_new_with_ids (dt_context_get_database (self->context),
                                                      filter, order, ids)
                     : dt_petition_list_new_with_view (dt_context_get_database (self->context),
                                                       filter, order, error);
  if (list == NULL)
    return FALSE;
  self->list = g_steal_pointer (&list);
  /* Several at once in follow-up; nothing chosen until the secretary chooses. */
  self->selection = dt_id_selection_new (self->list, self->mode == DT_REGISTER_MODE_FOLLOWUP);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "contents-changed",
                           G_CALLBACK (contents_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (memory_freed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dt_context_get_database (self->context), "changed",
                           G_CALLBACK (dormant_changed_cb), self, G_CONNECT_SWAPPED);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    set_dormant (self, TRUE);
  update_attachment (self);
  /* The register and follow-up, the tabs she works in, are ready before they are asked for:
   * their rows are made once the window has shown its first frame, one list at a time. Made
   * when follow-up was first shown, its rows took 86–136 ms of that switch on a slow machine;
   * they hold some 10 MiB, which GLib 2.74 keeps once they are freed. */
  if (!self->may_attach && self->attach_id == 0)
    self->attach_id = dt_context_add_idle (self->context, attach_idle_cb, self);
  return TRUE;
}

/* The register as it first shows, read ahead of need (dt_register_view_read_ahead ()). */
#define READ_AHEAD "register"

static gpointer
read_ahead_func (DtDatabase  *db,
                 gpointer     data,
                 GError     **error)
{
  return dt_petition_query_ids (db, NULL, DT_PETITION_ORDER_RECEIVED, error);
}

void
dt_register_view_read_ahead (DtContext *context)
{
  g_return_if_fail (DT_IS_CONTEXT (context));

  dt_context_read_ahead (context, READ_AHEAD, read_ahead_func, NULL, NULL,
                         (GDestroyNotify) g_array_unref);
}

static void
ensure_list (DtRegisterView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  if (self->list != NULL || self->context == NULL)
    return;
  if (self->mode == DT_REGISTER_MODE_REGISTER)
    ids = dt_context_take_read_ahead (self->context, READ_AHEAD);
  if (!ensure_list_with_view (self, NULL, DT_PETITION_ORDER_RECEIVED, ids, &error))
    g_warning ("The petitions cannot be listed: %s", error->message);
}

/* FILTER and ORDER on the list, in one read, the list made now if it was not yet. */
gboolean
dt_register_view_set_view (DtRegisterView          *self,
                           const DtPetitionFilter  *filter,
                           DtPetitionOrder          order,
                           GError                 **error)
{
  return dt_register_view_set_view_with_ids (self, filter, order, NULL, error);
}

gboolean
dt_register_view_set_view_with_ids (DtRegisterView          *self,
                                    const DtPetitionFilter  *filter,
                                    DtPetitionOrder          order,
                                    GArray                  *ids,
                                    GError                 **error)
{
  g_return_val_if_fail (DT_IS_REGISTER_VIEW (self), FALSE);

  if (self->list == NULL)
    return ensure_list_with_view (self, filter, order, ids, error);
  return dt_petition_list_set_view (self->list, filter, order, error);
}

void
dt_register_view_set_context (DtRegisterView *self,
                              DtContext      *context)
{
  g_return_if_fail (DT_IS_REGISTER_VIEW (self));
  g_return_if_fail (DT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "today-changed", G_CALLBACK (today_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

DtPetitionList *
dt_register_view_get_list (DtRegisterView *self)
{
  g_return_val_if_fail (DT_IS_REGISTER_VIEW (self), NULL);
  ensure_list (self);
  return self->list;
}

GtkColumnView *
dt_register_view_get_column_view (DtRegisterView *self)
{
  g_return_val_if_fail (DT_IS_REGISTER_VIEW (self), NULL);
  return self->column_view;
}

void
dt_register_view_set_show_confidential (DtRegisterView *self,
                                        gboolean        show)
{
  g_return_if_fail (DT_IS_REGISTER_VIEW (self));

  if (self->show_confidential == !!show)
    return;
  self->show_confidential = !!show;
  rebind_all (self);
}

GArray *
dt_register_view_get_selected_ids (DtRegisterView *self)
{
  g_return_val_if_fail (DT_IS_REGISTER_VIEW (self), g_array_new (FALSE, FALSE, sizeof (gint64)));

  if (self->selection == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  return dt_id_selection_get_ids (self->selection);
}

gint64
dt_register_view_get_selected_id (DtRegisterView *self)
{
  g_autoptr(GArray) ids = dt_register_view_get_selected_ids (self);

  return ids->len == 1 ? g_array_index (ids, gint64, 0) : 0;
}

static GtkWidget *
inner_list_view (DtRegisterView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

void
dt_register_view_select_position (DtRegisterView *self,
                                  guint           position)
{
  GtkWidget *list_view;

  g_return_if_fail (DT_IS_REGISTER_VIEW (self));

  if (self->selection == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->list)))
    return;
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    show_all_rows (self);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* GTK 4.8 has no gtk_column_view_scroll_to (): its list view's own action does it. */
  if ((list_view = inner_list_view (self)) != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
}

gboolean
dt_register_view_select_id (DtRegisterView *self,
                            gint64          id)
{
  guint position;

  g_return_val_if_fail (DT_IS_REGISTER_VIEW (self), FALSE);

  if (self->list == NULL || !dt_petition_list_find (self->list, id, &position))
    return FALSE;
  dt_register_view_select_position (self, position);
  return TRUE;
}

void
dt_register_view_scroll_to_top (DtRegisterView *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (DT_IS_REGISTER_VIEW (self));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);
}

void
dt_register_view_set_accessible_label (DtRegisterView *self,
                                       const char     *label)
{
  GtkWidget *list_view;

  g_return_if_fail (DT_IS_REGISTER_VIEW (self));

  dt_widget_set_label (GTK_WIDGET (self->column_view), label);
  if ((list_view = inner_list_view (self)) != NULL)
    dt_widget_set_label (list_view, label);
}

void
dt_register_view_begin_change (DtRegisterView *self)
{
  g_return_if_fail (DT_IS_REGISTER_VIEW (self));

  self->changing++;
  update_attachment (self);
}

void
dt_register_view_end_change (DtRegisterView *self)
{
  g_return_if_fail (DT_IS_REGISTER_VIEW (self));
  g_return_if_fail (self->changing > 0);

  self->changing--;
  update_attachment (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}
