/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-records"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-error.h"
#include "dt-records-private.h"
#include "dt-util.h"

#define CODE_MAX_CHARS 64
#define NAME_MAX_CHARS 128     /* villages, agencies, fields */
#define TEXT_MAX_CHARS 100000

/* ------------------------------------------------------------------------------------------
 * The record types, field by field
 * ------------------------------------------------------------------------------------------ */

static const char * const session_kinds[] = { "dialogue", "contact", "reception", NULL };
static const char * const session_statuses[] = { "planned", "held", "postponed", "cancelled", NULL };
static const char * const petition_channels[] = {
  "session", "front", "written", "direct", "phone", "other", NULL
};

#define TEXT(s, k, l)        { .key = #k, .type = DT_FIELD_TEXT, .offset = G_STRUCT_OFFSET (s, k), \
                               .label = l, .column = #k }
#define DATE(s, k, l)        { .key = #k, .type = DT_FIELD_DATE, .offset = G_STRUCT_OFFSET (s, k), \
                               .label = l, .column = #k }
#define INT(s, k, l, lo, hi) { .key = #k, .type = DT_FIELD_INT, .offset = G_STRUCT_OFFSET (s, k), \
                               .label = l, .column = #k, .min = lo, .max = hi }

static const DtFieldSpec unit_fields[] = {
  TEXT (DtUnit, name, N_("Issuing body")),
  TEXT (DtUnit, superior, N_("Superior body")),
  TEXT (DtUnit, place, N_("Place name")),
  TEXT (DtUnit, symbol, N_("Issuer symbol")),
  TEXT (DtUnit, signer_on_behalf, N_("Signing on behalf of")),
  TEXT (DtUnit, signer_title, N_("Signer’s title")),
  TEXT (DtUnit, signer_name, N_("Signer’s name")),
  { .key = "top", .group = "margins_mm", .type = DT_FIELD_INT, .label = N_("Top margin (mm)"),
    .offset = G_STRUCT_OFFSET (DtUnit, margin_top), .column = "margin_top",
    .required = TRUE, .min = 0, .max = 100 },
  { .key = "bottom", .group = "margins_mm", .type = DT_FIELD_INT,
    .label = N_("Bottom margin (mm)"), .offset = G_STRUCT_OFFSET (DtUnit, margin_bottom),
    .column = "margin_bottom", .required = TRUE, .min = 0, .max = 100 },
  { .key = "left", .group = "margins_mm", .type = DT_FIELD_INT, .label = N_("Left margin (mm)"),
    .offset = G_STRUCT_OFFSET (DtUnit, margin_left), .column = "margin_left",
    .required = TRUE, .min = 0, .max = 100 },
  { .key = "right", .group = "margins_mm", .type = DT_FIELD_INT,
    .label = N_("Right margin (mm)"), .offset = G_STRUCT_OFFSET (DtUnit, margin_right),
    .column = "margin_right", .required = TRUE, .min = 0, .max = 100 },
};

static const DtFieldSpec rules_fields[] = {
  { .key = "notice_lead_days", .type = DT_FIELD_INT, .label = N_("Notice lead days"),
    .offset = G_STRUCT_OFFSET (DtUnit, notice_lead_days), .column = "notice_lead_days",
    .required = TRUE, .min = 0, .max = 90 },
  { .key = "conclusion_days", .type = DT_FIELD_INT, .label = N_("Days to the conclusion notice"),
    .offset = G_STRUCT_OFFSET (DtUnit, conclusion_days), .column = "conclusion_days",
    .required = TRUE, .min = 0, .max = 90 },
  { .key = "answer_working_days", .type = DT_FIELD_INT, .label = N_("Working days to answer"),
    .offset = G_STRUCT_OFFSET (DtUnit, answer_working_days), .column = "answer_working_days",
    .required = TRUE, .min = 1, .max = 365 },
};

static const DtFieldSpec planned_session_fields[] = {
  INT (DtPlannedSession, quarter, N_("Quarter"), 1, 4),
  INT (DtPlannedSession, month, N_("Month"), 1, 12),
  TEXT (DtPlannedSession, location, N_("Location")),
  TEXT (DtPlannedSession, topic, N_("Topic")),
};

static const DtFieldSpec plan_fields[] = {
  { .key = "code", .type = DT_FIELD_CODE, .offset = G_STRUCT_OFFSET (DtPlan, code),
    .label = N_("Code"), .column = "code", .required = TRUE },
  { .key = "year", .type = DT_FIELD_INT, .offset = G_STRUCT_OFFSET (DtPlan, year),
    .label = N_("Year"), .column = "year", .required = TRUE, .min = DT_YEAR_MIN,
    .max = DT_YEAR_MAX },
  TEXT (DtPlan, number, N_("Number")),
  DATE (DtPlan, issued, N_("Issue date")),
  TEXT (DtPlan, title, N_("Title")),
  { .key = "bases", .type = DT_FIELD_STRV, .offset = G_STRUCT_OFFSET (DtPlan, bases),
    .label = N_("Legal bases"), .column = "text", .ref_table = "plan_bases" },
  TEXT (DtPlan, purpose, N_("Purpose and requirements")),
  INT (DtPlan, dialogues_planned, N_("Dialogues planned"), 0, 100),
  INT (DtPlan, notice_lead_days, N_("Notice lead days"), 0, 90),
  INT (DtPlan, expected_attendance, N_("Expected attendance"), 0, 1000000),
  { .key = "reports_due", .type = DT_FIELD_DATEV, .offset = G_STRUCT_OFFSET (DtPlan, reports_due),
    .label = N_("Reports due"), .column = "date", .ref_table = "plan_reports_due" },
  { .key = "planned_sessions", .type = DT_FIELD_CHILDREN,
    .offset = G_STRUCT_OFFSET (DtPlan, planned_sessions), .label = N_("Planned sessions"),
    .ref_table = "planned_sessions", .child = &_dt_planned_session_spec },
};

static const DtFieldSpec session_fields[] = {
  { .key = "code", .type = DT_FIELD_CODE, .offset = G_STRUCT_OFFSET (DtSession, code),
    .label = N_("Code"), .column = "code", .required = TRUE },
  { .key = "plan", .type = DT_FIELD_CODE_REF, .offset = G_STRUCT_OFFSET (DtSession, plan),
    .label = N_("Plan"), .column = "plan_id", .read_column = "plan_code", .ref_table = "plans" },
  { .key = "kind", .type = DT_FIELD_ENUM, .offset = G_STRUCT_OFFSET (DtSession, kind),
    .label = N_("Kind"), .column = "kind", .required = TRUE, .values = session_kinds },
  { .key = "date", .type = DT_FIELD_DATE, .offset = G_STRUCT_OFFSET (DtSession, date),
    .label = N_("Date"), .column = "date", .required = TRUE },
  { .key = "time", .type = DT_FIELD_TIME, .offset = G_STRUCT_OFFSET (DtSession, time),
    .label = N_("Time"), .column = "time" },
  TEXT (DtSession, location, N_("Location")),
  { .key = "village", .type = DT_FIELD_LIST_REF, .offset = G_STRUCT_OFFSET (DtSession, village),
    .label = N_("Village"), .column = "village_id", .read_column = "village_name",
    .ref_table = "villages" },
  TEXT (DtSession, topic, N_("Topic")),
  TEXT (DtSession, chair, N_("Chair")),
  TEXT (DtSession, secretary, N_("Secretary")),
  { .key = "status", .type = DT_FIELD_ENUM, .offset = G_STRUCT_OFFSET (DtSession, status),
    .label = N_("Status"), .column = "status", .required = TRUE, .values = session_statuses },
  TEXT (DtSession, notice_number, N_("Notice number")),
  DATE (DtSession, notice_date, N_("Notice date")),
  INT (DtSession, attendance, N_("Attendance"), 0, 1000000),
  { .key = "start", .group = "minutes", .type = DT_FIELD_TIME, .label = N_("Start time"),
    .offset = G_STRUCT_OFFSET (DtSession, minutes_start), .column = "minutes_start" },
  { .key = "end", .group = "minutes", .type = DT_FIELD_TIME, .label = N_("End time"),
    .offset = G_STRUCT_OFFSET (DtSession, minutes_end), .column = "minutes_end" },
  { .key = "composition", .group = "minutes", .type = DT_FIELD_TEXT, .label = N_("Composition"),
    .offset = G_STRUCT_OFFSET (DtSession, composition), .column = "composition" },
  { .key = "proceedings", .group = "minutes", .type = DT_FIELD_TEXT, .label = N_("Proceedings"),
    .offset = G_STRUCT_OFFSET (DtSession, proceedings), .column = "proceedings" },
  { .key = "conclusion", .group = "minutes", .type = DT_FIELD_TEXT,
    .label = N_("Conclusion of the minutes"),
    .offset = G_STRUCT_OFFSET (DtSession, minutes_conclusion), .column = "minutes_conclusion" },
  TEXT (DtSession, conclusion_number, N_("Conclusion notice number")),
  DATE (DtSession, conclusion_date, N_("Conclusion notice date")),
};

static const DtFieldSpec petition_event_fields[] = {
  { .key = "date", .type = DT_FIELD_DATE, .offset = G_STRUCT_OFFSET (DtPetitionEvent, date),
    .label = N_("Date"), .column = "date", .required = TRUE },
  { .key = "text", .type = DT_FIELD_TEXT, .offset = G_STRUCT_OFFSET (DtPetitionEvent, text),
    .label = N_("Event"), .column = "text", .required = TRUE },
  TEXT (DtPetitionEvent, number, N_("Document number")),
};

static const DtFieldSpec petition_fields[] = {
  { .key = "code", .type = DT_FIELD_CODE, .offset = G_STRUCT_OFFSET (DtPetition, code),
    .label = N_("Code"), .column = "code", .required = TRUE },
  { .key = "received", .type = DT_FIELD_DATE, .offset = G_STRUCT_OFFSET (DtPetition, received),
    .label = N_("Received date"), .column = "received", .required = TRUE },
  { .key = "channel", .type = DT_FIELD_ENUM, .offset = G_STRUCT_OFFSET (DtPetition, channel),
    .label = N_("Channel"), .column = "channel", .required = TRUE, .values = petition_channels },
  { .key = "session", .type = DT_FIELD_CODE_REF, .offset = G_STRUCT_OFFSET (DtPetition, session),
    .label = N_("Session"), .column = "session_id", .read_column = "session_code",
    .ref_table = "sessions" },
  TEXT (DtPetition, petitioner, N_("Petitioner")),
  TEXT (DtPetition, address, N_("Address")),
  { .key = "village", .type = DT_FIELD_LIST_REF, .offset = G_STRUCT_OFFSET (DtPetition, village),
    .label = N_("Village"), .column = "village_id", .read_column = "village_name",
    .ref_table = "villages" },
  { .key = "field", .type = DT_FIELD_LIST_REF, .offset = G_STRUCT_OFFSET (DtPetition, field),
    .label = N_("Field"), .column = "field_id", .read_column = "field_name",
    .ref_table = "fields" },
  { .key = "summary", .type = DT_FIELD_TEXT, .offset = G_STRUCT_OFFSET (DtPetition, summary),
    .label = N_("Summary"), .column = "summary", .required = TRUE },
  TEXT (DtPetition, content, N_("Content")),
  { .key = "individual", .type = DT_FIELD_BOOL, .offset = G_STRUCT_OFFSET (DtPetition, individual),
    .label = N_("Individual matter"), .column = "individual" },
  { .key = "confidential", .type = DT_FIELD_BOOL,
    .offset = G_STRUCT_OFFSET (DtPetition, confidential), .label = N_("Confidential"),
    .column = "confidential" },
  { .key = "duplicate_of", .type = DT_FIELD_CODE_REF,
    .offset = G_STRUCT_OFFSET (DtPetition, duplicate_of), .label = N_("Duplicate of"),
    .column = "duplicate_of", .read_column = "duplicate_code", .ref_table = "petitions" },
  DATE (DtPetition, answered_date, N_("Answered at the session on")),
  TEXT (DtPetition, answer, N_("Answer given at the session")),
  { .key = "assigned_to", .type = DT_FIELD_LIST_REF,
    .offset = G_STRUCT_OFFSET (DtPetition, assigned_to), .label = N_("Assigned agency"),
    .column = "agency_id", .read_column = "agency_name", .ref_table = "agencies" },
  DATE (DtPetition, assigned_date, N_("Assigned date")),
  DATE (DtPetition, deadline, N_("Deadline")),
  TEXT (DtPetition, escalated_to, N_("Escalated to")),
  DATE (DtPetition, escalated_date, N_("Escalated date")),
  TEXT (DtPetition, escalated_number, N_("Escalation dispatch number")),
  DATE (DtPetition, declined_date, N_("Declined date")),
  TEXT (DtPetition, declined_reason, N_("Reason for declining")),
  DATE (DtPetition, withdrawn_date, N_("Withdrawn date")),
  DATE (DtPetition, resolved_date, N_("Resolved date")),
  TEXT (DtPetition, result, N_("Result")),
  DATE (DtPetition, informed_date, N_("Petitioner informed on")),
  { .key = "events", .type = DT_FIELD_CHILDREN, .offset = G_STRUCT_OFFSET (DtPetition, events),
    .label = N_("Events"), .ref_table = "petition_events", .child = &_dt_petition_event_spec },
};

#define SPEC(var, lbl, tbl, vw, parent, type, free, flds) \
  const DtEntitySpec var = { lbl, tbl, vw, parent, sizeof (type), (GDestroyNotify) free, \
                             flds, G_N_ELEMENTS (flds) }

SPEC (_dt_unit_spec, N_("Unit"), "unit", "unit", NULL, DtUnit, dt_unit_free, unit_fields);
SPEC (_dt_rules_spec, N_("Rules"), "unit", "unit", NULL, DtUnit, dt_unit_free, rules_fields);
SPEC (_dt_planned_session_spec, N_("Planned session"), "planned_sessions", "planned_sessions",
      "plan_id", DtPlannedSession, dt_planned_session_free, planned_session_fields);
SPEC (_dt_plan_spec, N_("Plan"), "plans", "plans", NULL, DtPlan, dt_plan_free, plan_fields);
SPEC (_dt_session_spec, N_("Session"), "sessions", "sessions_v", NULL, DtSession,
      dt_session_free, session_fields);
SPEC (_dt_petition_event_spec, N_("Event"), "petition_events", "petition_events",
      "petition_id", DtPetitionEvent, dt_petition_event_free, petition_event_fields);
SPEC (_dt_petition_spec, N_("Petition"), "petitions", "petitions_v", NULL, DtPetition,
      dt_petition_free, petition_fields);

/* ------------------------------------------------------------------------------------------
 * Generic record memory
 * ------------------------------------------------------------------------------------------ */

static gboolean
field_is_string (const DtFieldSpec *field)
{
  return field->type != DT_FIELD_INT && field->type != DT_FIELD_BOOL &&
         field->type != DT_FIELD_STRV && field->type != DT_FIELD_DATEV &&
         field->type != DT_FIELD_CHILDREN;
}

static void
record_clear (const DtEntitySpec *spec,
              gpointer            record)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      gpointer ptr = DT_FIELD_PTR (record, field);

      if (field_is_string (field))
        g_clear_pointer ((char **) ptr, g_free);
      else if (field->type == DT_FIELD_STRV || field->type == DT_FIELD_DATEV)
        g_clear_pointer ((char ***) ptr, g_strfreev);
      else if (field->type == DT_FIELD_CHILDREN)
        g_clear_pointer ((GPtrArray **) ptr, g_ptr_array_unref);
    }
}

gpointer
_dt_record_new (const DtEntitySpec *spec)
{
  gpointer record = g_malloc0 (spec->size);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];

      if (field->type == DT_FIELD_INT)
        DT_FIELD_INT_VALUE (record, field) = DT_NO_INT;
      else if (field->type == DT_FIELD_CHILDREN)
        *(GPtrArray **) DT_FIELD_PTR (record, field) =
          g_ptr_array_new_with_free_func (field->child->free_func);
    }
  return record;
}

static void
record_free (const DtEntitySpec *spec,
             gpointer            record)
{
  if (record == NULL)
    return;
  record_clear (spec, record);
  g_free (record);
}

DtUnit *
dt_unit_new (void)
{
  DtUnit *unit = _dt_record_new (&_dt_unit_spec);

  unit->margin_top = 20;
  unit->margin_bottom = 20;
  unit->margin_left = 30;
  unit->margin_right = 15;
  unit->notice_lead_days = 7;
  unit->conclusion_days = 10;
  unit->answer_working_days = 30;
  return unit;
}

void
dt_unit_free (DtUnit *unit)
{
  record_free (&_dt_unit_spec, unit);
}

DtCalendarYear *
dt_calendar_year_new (int year)
{
  DtCalendarYear *calendar = g_new0 (DtCalendarYear, 1);

  calendar->year = year;
  calendar->holidays = g_new0 (char *, 1);
  calendar->workdays = g_new0 (char *, 1);
  return calendar;
}

void
dt_calendar_year_free (DtCalendarYear *calendar)
{
  if (calendar == NULL)
    return;
  g_strfreev (calendar->holidays);
  g_strfreev (calendar->workdays);
  g_free (calendar);
}

DtPlannedSession *
dt_planned_session_new (void)
{
  return _dt_record_new (&_dt_planned_session_spec);
}

void
dt_planned_session_free (DtPlannedSession *planned)
{
  record_free (&_dt_planned_session_spec, planned);
}

DtPlan *
dt_plan_new (void)
{
  return _dt_record_new (&_dt_plan_spec);
}

void
dt_plan_free (DtPlan *plan)
{
  record_free (&_dt_plan_spec, plan);
}

DtSession *
dt_session_new (void)
{
  return _dt_record_new (&_dt_session_spec);
}

void
dt_session_free (DtSession *session)
{
  record_free (&_dt_session_spec, session);
}

DtPetitionEvent *
dt_petition_event_new (const char *date,
                       const char *text,
                       const char *number)
{
  DtPetitionEvent *event = _dt_record_new (&_dt_petition_event_spec);

  event->date = g_strdup (date);
  event->text = g_strdup (text);
  event->number = g_strdup (number);
  return event;
}

void
dt_petition_event_free (DtPetitionEvent *event)
{
  record_free (&_dt_petition_event_spec, event);
}

DtPetition *
dt_petition_new (void)
{
  return _dt_record_new (&_dt_petition_spec);
}

void
dt_petition_free (DtPetition *petition)
{
  record_free (&_dt_petition_spec, petition);
}

/* ------------------------------------------------------------------------------------------
 * Cleaning and validation
 * ------------------------------------------------------------------------------------------ */

static const char *
record_code (const DtEntitySpec *spec,
             gconstpointer       record)
{
  if (spec->n_fields > 0 && spec->fields[0].type == DT_FIELD_CODE)
    return DT_FIELD_STR (record, &spec->fields[0]);
  return NULL;
}

/* "Petition “2025-0001”: detail", or "Unit: detail". */
G_GNUC_PRINTF (4, 5)
static void
set_record_error (GError             **error,
                  int                  code,
                  const DtEntitySpec  *spec,
                  const char          *format,
                  ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, DT_ERROR, code, detail);
}

static char *
record_prefix (const DtEntitySpec *spec,
               const char         *code)
{
  if (code != NULL)
    return g_strdup_printf (_("%s “%s”"), _(spec->label), code);
  return g_strdup (_(spec->label));
}

static char *
clean_text (const char         *text,
            const DtEntitySpec *spec,
            const DtFieldSpec  *field,
            const char         *code,
            GError            **error)
{
  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *prefix = record_prefix (spec, code);
      set_record_error (error, DT_ERROR_INVALID, spec, _("%s: “%s” is not valid UTF-8 text."),
                        prefix, _(field->label));
      return NULL;
    }
  return dt_text_clean (text);
}

gpointer
_dt_record_clean (const DtEntitySpec *spec,
                  gconstpointer       record,
                  GError            **error)
{
  gpointer copy = _dt_record_new (spec);
  const char *code = record_code (spec, record);
  g_autofree char *clean_code = NULL;

  if (code != NULL && g_utf8_validate (code, -1, NULL))
    clean_code = dt_text_clean (code);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      gconstpointer from = ((const guint8 *) record) + field->offset;
      gpointer to = DT_FIELD_PTR (copy, field);
      g_autoptr(GError) local_error = NULL;

      if (field_is_string (field))
        {
          *(char **) to = clean_text (*(char * const *) from, spec, field, clean_code,
                                      &local_error);
        }
      else if (field->type == DT_FIELD_INT || field->type == DT_FIELD_BOOL)
        {
          *(int *) to = *(const int *) from;
        }
      else if (field->type == DT_FIELD_STRV || field->type == DT_FIELD_DATEV)
        {
          char * const *values = *(char * const * const *) from;
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; values != NULL && values[j] != NULL && local_error == NULL; j++)
            {
              g_autofree char *value = clean_text (values[j], spec, field, clean_code,
                                                   &local_error);
              if (value != NULL)
                g_strv_builder_add (builder, value);
            }
          *(char ***) to = g_strv_builder_end (builder);
        }
      else if (field->type == DT_FIELD_CHILDREN)
        {
          GPtrArray *children = *(GPtrArray * const *) from;

          for (guint j = 0; children != NULL && j < children->len && local_error == NULL; j++)
            {
              gpointer child = _dt_record_clean (field->child, g_ptr_array_index (children, j),
                                                 &local_error);
              if (child != NULL)
                g_ptr_array_add (*(GPtrArray **) to, child);
            }
        }

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          record_free (spec, copy);
          return NULL;
        }
    }
  return copy;
}

static gboolean
check_fields (const DtEntitySpec *spec,
              gconstpointer       record,
              const char         *owner_code,
              GError            **error)
{
  const char *code = owner_code != NULL ? owner_code : record_code (spec, record);
  g_autofree char *prefix = NULL;  /* made only for a message */

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      const char *label = field->label;  /* translated in the messages below */

      if (field_is_string (field))
        {
          const char *value = DT_FIELD_STR (record, field);
          gsize max_chars;

          if (value == NULL)
            {
              if (field->required)
                {
                  set_record_error (error, DT_ERROR_INVALID, spec,
                                    _("%s: “%s” is required."), (prefix = record_prefix (spec, code)), _(label));
                  return FALSE;
                }
              continue;
            }
          max_chars = field->type == DT_FIELD_TEXT     ? TEXT_MAX_CHARS
                      : field->type == DT_FIELD_LIST_REF ? NAME_MAX_CHARS
                                                         : CODE_MAX_CHARS;
          if (strlen (value) > max_chars && g_utf8_strlen (value, -1) > (glong) max_chars)
            {
              set_record_error (error, DT_ERROR_INVALID, spec,
                                _("%s: “%s” is too long."), (prefix = record_prefix (spec, code)), _(label));
              return FALSE;
            }
          if (field->type != DT_FIELD_TEXT && strpbrk (value, "\r\n\t") != NULL)
            {
              set_record_error (error, DT_ERROR_INVALID, spec,
                                _("%s: “%s” must fit on one line."), (prefix = record_prefix (spec, code)), _(label));
              return FALSE;
            }
          if (field->type == DT_FIELD_DATE && !dt_date_is_valid (value))
            {
              set_record_error (error, DT_ERROR_INVALID, spec,
                                _("%s: “%s” is not a real date: “%s” (expected YYYY-MM-DD, "
                                  "years %d to %d)."),
                                (prefix = record_prefix (spec, code)), _(label), value, DT_YEAR_MIN, DT_YEAR_MAX);
              return FALSE;
            }
          if (field->type == DT_FIELD_TIME && !dt_time_is_valid (value))
            {
              set_record_error (error, DT_ERROR_INVALID, spec,
                                _("%s: “%s” is not a time of day: “%s” (expected HH:MM)."),
                                (prefix = record_prefix (spec, code)), _(label), value);
              return FALSE;
            }
          if (field->type == DT_FIELD_ENUM && !g_strv_contains (field->values, value))
            {
              g_autofree char *allowed = g_strjoinv (", ", (char **) field->values);
              set_record_error (error, DT_ERROR_INVALID, spec,
                                _("%s: “%s” has the unknown value “%s” (allowed: %s)."),
                                (prefix = record_prefix (spec, code)), _(label), value, allowed);
              return FALSE;
            }
        }
      else if (field->type == DT_FIELD_INT)
        {
          int value = DT_FIELD_INT_VALUE (record, field);

          if (value == DT_NO_INT)
            {
              if (field->required)
                {
                  set_record_error (error, DT_ERROR_INVALID, spec,
                                    _("%s: “%s” is required."), (prefix = record_prefix (spec, code)), _(label));
                  return FALSE;
                }
              continue;
            }
          if (value < field->min || value > field->max)
            {
              set_record_error (error, DT_ERROR_INVALID, spec,
                                _("%s: “%s” must be between %d and %d, not %d."),
                                (prefix = record_prefix (spec, code)), _(label), field->min, field->max, value);
              return FALSE;
            }
        }
      else if (field->type == DT_FIELD_DATEV)
        {
          char **values = *(char ***) DT_FIELD_PTR (record, field);

          for (guint j = 0; values != NULL && values[j] != NULL; j++)
            if (!dt_date_is_valid (values[j]))
              {
                set_record_error (error, DT_ERROR_INVALID, spec,
                                  _("%s: “%s” holds “%s”, which is not a real date "
                                    "(expected YYYY-MM-DD)."),
                                  (prefix = record_prefix (spec, code)), _(label), values[j]);
                return FALSE;
              }
        }
      else if (field->type == DT_FIELD_CHILDREN)
        {
          GPtrArray *children = *(GPtrArray **) DT_FIELD_PTR (record, field);

          for (guint j = 0; children != NULL && j < children->len; j++)
            if (!check_fields (field->child, g_ptr_array_index (children, j), code, error))
              return FALSE;
        }
    }
  return TRUE;
}

/* "later" must not come before "earlier" when both are set. */
static gboolean
check_order (const DtEntitySpec *spec,
             const char         *code,
             const char         *earlier,
             const char         *earlier_label,
             const char         *later,
             const char         *later_label,
             GError            **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *earlier_text = NULL;
  g_autofree char *later_text = NULL;

  if (earlier == NULL || later == NULL || strcmp (later, earlier) >= 0)
    return TRUE;

  prefix = record_prefix (spec, code);
  earlier_text = dt_date_to_display (earlier);
  later_text = dt_date_to_display (later);
  set_record_error (error, DT_ERROR_INVALID, spec,
                    _("%s: “%s” (%s) is before “%s” (%s)."),
                    prefix, _(later_label), later_text, _(earlier_label), earlier_text);
  return FALSE;
}

gboolean
dt_unit_validate (const DtUnit  *unit,
                  GError       **error)
{
  g_return_val_if_fail (unit != NULL, FALSE);
  return check_fields (&_dt_unit_spec, unit, NULL, error) &&
         check_fields (&_dt_rules_spec, unit, NULL, error);
}

gboolean
dt_calendar_year_validate (const DtCalendarYear  *calendar,
                           GError               **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  char **lists[] = { calendar->holidays, calendar->workdays };

  g_return_val_if_fail (calendar != NULL, FALSE);

  if (calendar->year < DT_YEAR_MIN || calendar->year > DT_YEAR_MAX)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("Calendar: the year %d is outside %d to %d."),
                   calendar->year, DT_YEAR_MIN, DT_YEAR_MAX);
      return FALSE;
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        const char *date = lists[l][i];
        GDate parsed;

        if (!dt_date_parse (date, &parsed) || (int) g_date_get_year (&parsed) != calendar->year)
          {
            g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                         _("Calendar %d: “%s” is not a real date of that year."),
                         calendar->year, date);
            return FALSE;
          }
        if (!g_hash_table_add (seen, (gpointer) date))
          {
            g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                         _("Calendar %d: the date %s is listed twice."), calendar->year, date);
            return FALSE;
          }
      }
  return TRUE;
}

gboolean
dt_plan_validate (const DtPlan  *plan,
                  GError       **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!check_fields (&_dt_plan_spec, plan, NULL, error))
    return FALSE;

  for (guint i = 0; plan->planned_sessions != NULL && i < plan->planned_sessions->len; i++)
    {
      DtPlannedSession *planned = g_ptr_array_index (plan->planned_sessions, i);

      if (planned->quarter != DT_NO_INT && planned->month != DT_NO_INT &&
          (planned->month - 1) / 3 + 1 != planned->quarter)
        {
          g_autofree char *prefix = record_prefix (&_dt_plan_spec, plan->code);
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("%s: planned session %u is in month %d, which is not in quarter %d."),
                       prefix, i + 1, planned->month, planned->quarter);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
dt_session_validate (const DtSession  *session,
                     GError          **error)
{
  const DtEntitySpec *spec = &_dt_session_spec;

  g_return_val_if_fail (session != NULL, FALSE);

  if (!check_fields (spec, session, NULL, error))
    return FALSE;
  if (!check_order (spec, session->code, session->notice_date, N_("Notice date"),
                    session->date, N_("Date"), error) ||
      !check_order (spec, session->code, session->date, N_("Date"),
                    session->conclusion_date, N_("Conclusion notice date"), error))
    return FALSE;
  if (session->minutes_start != NULL && session->minutes_end != NULL &&
      strcmp (session->minutes_end, session->minutes_start) < 0)
    {
      g_autofree char *prefix = record_prefix (spec, session->code);
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: the minutes end (%s) before they start (%s)."),
                   prefix, session->minutes_end, session->minutes_start);
      return FALSE;
    }
  return TRUE;
}

gboolean
dt_petition_validate (const DtPetition  *petition,
                      GError           **error)
{
  const DtEntitySpec *spec = &_dt_petition_spec;
  const char *code = petition->code;
  g_autofree char *prefix = NULL;
  struct {
    const char *date;
    const char *label;
  } after_received[] = {
    { petition->answered_date, N_("Answered at the session on") },
    { petition->assigned_date, N_("Assigned date") },
    { petition->escalated_date, N_("Escalated date") },
    { petition->declined_date, N_("Declined date") },
    { petition->withdrawn_date, N_("Withdrawn date") },
    { petition->resolved_date, N_("Resolved date") },
    { petition->informed_date, N_("Petitioner informed on") },
  };

  g_return_val_if_fail (petition != NULL, FALSE);

  if (!check_fields (spec, petition, NULL, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (after_received); i++)
    if (!check_order (spec, code, petition->received, N_("Received date"),
                      after_received[i].date, after_received[i].label, error))
      return FALSE;
  if (!check_order (spec, code, petition->assigned_date, N_("Assigned date"),
                    petition->resolved_date, N_("Resolved date"), error) ||
      !check_order (spec, code, petition->assigned_date, N_("Assigned date"),
                    petition->deadline, N_("Deadline"), error))
    return FALSE;
  for (guint i = 0; petition->events != NULL && i < petition->events->len; i++)
    {
      DtPetitionEvent *event = g_ptr_array_index (petition->events, i);
      if (!check_order (spec, code, petition->received, N_("Received date"),
                        event->date, N_("Event"), error))
        return FALSE;
    }

  prefix = record_prefix (spec, code);
  if ((petition->assigned_to == NULL) != (petition->assigned_date == NULL))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: an assignment needs both “%s” and “%s”."),
                   prefix, _("Assigned agency"), _("Assigned date"));
      return FALSE;
    }
  if (petition->escalated_date != NULL && petition->escalated_to == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: “%s” is required when the petition is escalated."),
                   prefix, _("Escalated to"));
      return FALSE;
    }
  if (g_strcmp0 (petition->channel, "session") == 0 && petition->session == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: a petition raised at a session must name the “%s”."),
                   prefix, _("Session"));
      return FALSE;
    }
  if (petition->duplicate_of != NULL && g_strcmp0 (petition->duplicate_of, code) == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: a petition cannot be a duplicate of itself."), prefix);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * SQL, generated from the field tables (never from user text)
 * ------------------------------------------------------------------------------------------ */

static gboolean
field_has_column (const DtFieldSpec *field)
{
  return field->type != DT_FIELD_STRV && field->type != DT_FIELD_DATEV &&
         field->type != DT_FIELD_CHILDREN;
}

static const char *
ref_key_column (const DtFieldSpec *field)
{
  return field->type == DT_FIELD_LIST_REF ? "name" : "code";
}


/* SQL built from the field tables is built once and kept: every key is static data
 * (a format or a tag, and table, field or where-clause strings). */
typedef char *(*SqlBuildFunc) (const char *tag, gconstpointer a, gconstpointer b);

typedef struct
{
  const char    *tag;
  gconstpointer  a;
  gconstpointer  b;
  char          *sql;
} SqlMemo;

static GMutex sql_memo_lock;
static GArray *sql_memos;

static const char *
sql_memo (SqlBuildFunc   build,
          const char    *tag,
          gconstpointer  a,
          gconstpointer  b)
{
  const char *found = NULL;

  g_mutex_lock (&sql_memo_lock);
  if (sql_memos == NULL)
    sql_memos = g_array_new (FALSE, FALSE, sizeof (SqlMemo));
  for (guint i = 0; i < sql_memos->len && found == NULL; i++)
    {
      SqlMemo *memo = &g_array_index (sql_memos, SqlMemo, i);
      if (memo->tag == tag && memo->a == a && memo->b == b)
        found = memo->sql;
    }
  if (found == NULL)
    {
      SqlMemo memo = { tag, a, b, build (tag, a, b) };
      g_array_append_val (sql_memos, memo);
      found = memo.sql;
    }
  g_mutex_unlock (&sql_memo_lock);
  return found;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
build_printf (const char    *format,
              gconstpointer  a,
              gconstpointer  b)
{
  return g_strdup_printf (format, (const char *) a, (const char *) b);
}
#pragma GCC diagnostic pop

/* FORMAT takes two %s, filled with static names from the field tables. */
static sqlite3_stmt *
prepare_printf (DtDatabase  *db,
                const char  *format,
                const char  *a,
                const char  *b,
                GError     **error)
{
  return _dt_database_prepare_static (db, sql_memo (build_printf, format, a, b), error);
}

static char *
build_select (const DtEntitySpec *spec,
              const char         *where)
{
  GString *sql = g_string_new ("SELECT ");
  gboolean first = TRUE;

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];

      if (!field_has_column (field))
        continue;
      g_string_append_printf (sql, "%s%s", first ? "" : ", ",
                              field->read_column != NULL ? field->read_column : field->column);
      first = FALSE;
    }
  /* Child rows have no id of their own: nothing refers to them. */
  g_string_append_printf (sql, ", %s FROM %s ", spec->parent_column != NULL ? "0" : "id",
                          spec->view);
  if (where != NULL)
    g_string_append (sql, where);
  else
    g_string_append_printf (sql, "WHERE %s = ? ORDER BY position", spec->parent_column);
  return g_string_free (sql, FALSE);
}

static char *
value_expression (const DtFieldSpec *field)
{
  if (field->type == DT_FIELD_LIST_REF || field->type == DT_FIELD_CODE_REF)
    return g_strdup_printf ("(SELECT id FROM %s WHERE %s = ?)", field->ref_table,
                            ref_key_column (field));
  return g_strdup ("?");
}

static char *
build_insert (const DtEntitySpec *spec)
{
  GString *columns = g_string_new (NULL);
  GString *values = g_string_new (NULL);

  if (spec->parent_column != NULL)
    {
      g_string_append_printf (columns, "%s, position", spec->parent_column);
      g_string_append (values, "?, ?");
    }
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      g_autofree char *expression = NULL;

      if (!field_has_column (field))
        continue;
      expression = value_expression (field);
      g_string_append_printf (columns, "%s%s", columns->len ? ", " : "", field->column);
      g_string_append_printf (values, "%s%s", values->len ? ", " : "", expression);
    }
  g_string_prepend (columns, "INSERT INTO ");
  g_string_insert (columns, 12, " (");
  g_string_insert (columns, 12, spec->table);
  g_string_append_printf (columns, ") VALUES (%s)", values->str);
  g_string_free (values, TRUE);
  return g_string_free (columns, FALSE);
}

static char *
build_update (const DtEntitySpec *spec,
              const char         *where)
{
  GString *sql = g_string_new (NULL);
  gboolean first = TRUE;

  g_string_append_printf (sql, "UPDATE %s SET ", spec->table);
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      g_autofree char *expression = NULL;

      if (!field_has_column (field) || field->type == DT_FIELD_CODE)
        continue;
      expression = value_expression (field);
      g_string_append_printf (sql, "%s%s = %s", first ? "" : ", ", field->column, expression);
      first = FALSE;
    }
  g_string_append_printf (sql, " %s", where);
  return g_string_free (sql, FALSE);
}

static char *
build_select_cb (const char    *tag,
                 gconstpointer  spec,
                 gconstpointer  where)
{
  return build_select (spec, where);
}

static char *
build_insert_cb (const char    *tag,
                 gconstpointer  spec,
                 gconstpointer  unused)
{
  return build_insert (spec);
}

static char *
build_update_cb (const char    *tag,
                 gconstpointer  spec,
                 gconstpointer  where)
{
  return build_update (spec, where);
}

/* WHERE NULL selects the children of one parent, in order. */
static const char *
sql_select (const DtEntitySpec *spec,
            const char         *where)
{
  return sql_memo (build_select_cb, "select", spec, where);
}

static sqlite3_stmt *
prepare_select (DtDatabase          *db,
                const DtEntitySpec  *spec,
                const char          *where,
                GError             **error)
{
  return _dt_database_prepare_static (db, sql_select (spec, where), error);
}

static sqlite3_stmt *
prepare_insert (DtDatabase          *db,
                const DtEntitySpec  *spec,
                GError             **error)
{
  return _dt_database_prepare_static (db, sql_memo (build_insert_cb, "insert", spec, NULL), error);
}

static sqlite3_stmt *
prepare_update (DtDatabase          *db,
                const DtEntitySpec  *spec,
                const char          *where,
                GError             **error)
{
  return _dt_database_prepare_static (db, sql_memo (build_update_cb, "update", spec, where),
                                      error);
}

/* Binds the column fields from index *position on; skip_code leaves out the record's code. */
static void
bind_fields (const DtEntitySpec *spec,
             gconstpointer       record,
             sqlite3_stmt       *stmt,
             int                *position,
             gboolean            skip_code)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      int index;

      if (!field_has_column (field) || (skip_code && field->type == DT_FIELD_CODE))
        continue;
      index = ++(*position);
      if (field_is_string (field))
        sqlite3_bind_text (stmt, index, DT_FIELD_STR (record, field), -1, SQLITE_TRANSIENT);
      else if (field->type == DT_FIELD_BOOL)
        sqlite3_bind_int (stmt, index, DT_FIELD_INT_VALUE (record, field) ? 1 : 0);
      else if (DT_FIELD_INT_VALUE (record, field) == DT_NO_INT)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int (stmt, index, DT_FIELD_INT_VALUE (record, field));
    }
}

/* Reads the columns of build_select () into a record; returns the row id. */
static gint64
read_fields (const DtEntitySpec *spec,
             sqlite3_stmt       *stmt,
             gpointer            record)
{
  int column = 0;

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      gpointer ptr = DT_FIELD_PTR (record, field);

      if (!field_has_column (field))
        continue;
      if (field_is_string (field))
        {
          g_free (*(char **) ptr);
          *(char **) ptr = g_strdup ((const char *) sqlite3_column_text (stmt, column));
        }
      else if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        *(int *) ptr = field->type == DT_FIELD_BOOL ? FALSE : DT_NO_INT;
      else
        *(int *) ptr = sqlite3_column_int (stmt, column);
      column++;
    }
  return sqlite3_column_int64 (stmt, column);
}

static gboolean
ensure_list_names (DtDatabase         *db,
                   const DtEntitySpec *spec,
                   gconstpointer       record,
                   GError            **error)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      const char *name;
      sqlite3_stmt *stmt;

      if (field->type != DT_FIELD_LIST_REF || (name = DT_FIELD_STR (record, field)) == NULL)
        continue;
      if (!(stmt = prepare_printf (db, "INSERT OR IGNORE INTO %s (name) VALUES (?)%s",
                                   field->ref_table, "", error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (!_dt_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
row_exists (DtDatabase  *db,
            const char  *table,
            const char  *column,
            const char  *value,
            gint64      *id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_printf (db, "SELECT id FROM %s WHERE %s = ?", table, column, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && id != NULL)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return FALSE;
    }
  if (rc == SQLITE_DONE && error != NULL && *error == NULL)
    return FALSE;
  return rc == SQLITE_ROW;
}

gboolean
_dt_row_exists (DtDatabase  *db,
                const char  *table,
                const char  *column,
                const char  *value,
                gint64      *id,
                GError     **error)
{
  return row_exists (db, table, column, value, id, error);
}

static gboolean
check_references (DtDatabase         *db,
                  const DtEntitySpec *spec,
                  gconstpointer       record,
                  GError            **error)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      const char *value;
      g_autoptr(GError) local_error = NULL;

      if (field->type != DT_FIELD_CODE_REF || (value = DT_FIELD_STR (record, field)) == NULL)
        continue;
      if (!row_exists (db, field->ref_table, "code", value, NULL, &local_error))
        {
          g_autofree char *prefix = NULL;

          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          prefix = record_prefix (spec, record_code (spec, record));
          g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND,
                       _("%s: “%s” refers to “%s”, which does not exist."),
                       prefix, _(field->label), value);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_lists (DtDatabase         *db,
             const DtEntitySpec *spec,
             gconstpointer       record,
             gint64              id,
             GError            **error)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      sqlite3_stmt *stmt;

      if (field_has_column (field))
        continue;

      /* Lists of texts and dates belong to plans; child records name their parent column. */
      if (!(stmt = prepare_printf (db, "DELETE FROM %s WHERE %s = ?", field->ref_table,
                                   field->child != NULL ? field->child->parent_column : "plan_id",
                                   error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!_dt_database_step_done (db, stmt, error))
        return FALSE;

      if (field->type == DT_FIELD_CHILDREN)
        {
          GPtrArray *children = *(GPtrArray **) DT_FIELD_PTR (record, field);

          for (guint j = 0; children != NULL && j < children->len; j++)
            {
              int position = 2;

              if (!(stmt = prepare_insert (db, field->child, error)))
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_int (stmt, 2, (int) j);
              bind_fields (field->child, g_ptr_array_index (children, j), stmt, &position, FALSE);
              if (!_dt_database_step_done (db, stmt, error))
                return FALSE;
            }
        }
      else
        {
          char **values = *(char ***) DT_FIELD_PTR (record, field);

          for (guint j = 0; values != NULL && values[j] != NULL; j++)
            {
              if (!(stmt = prepare_printf (db, "INSERT INTO %s (plan_id, position, %s) "
                                               "VALUES (?, ?, ?)",
                                           field->ref_table, field->column, error)))
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_int (stmt, 2, (int) j);
              sqlite3_bind_text (stmt, 3, values[j], -1, SQLITE_TRANSIENT);
              if (!_dt_database_step_done (db, stmt, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
read_lists (DtDatabase         *db,
            const DtEntitySpec *spec,
            gpointer            record,
            gint64              id,
            GError            **error)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      sqlite3_stmt *stmt;
      int rc;

      if (field_has_column (field))
        continue;

      if (field->type == DT_FIELD_CHILDREN)
        {
          GPtrArray *children = *(GPtrArray **) DT_FIELD_PTR (record, field);

          if (!(stmt = prepare_select (db, field->child, NULL, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          g_ptr_array_set_size (children, 0);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gpointer child = _dt_record_new (field->child);
              read_fields (field->child, stmt, child);
              g_ptr_array_add (children, child);
            }
        }
      else
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          char ***values = (char ***) DT_FIELD_PTR (record, field);

          if (!(stmt = prepare_printf (db, "SELECT %s FROM %s WHERE plan_id = ? ORDER BY position",
                                       field->column, field->ref_table, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
          g_strfreev (*values);
          *values = g_strv_builder_end (builder);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _dt_database_fail (db, rc, error);
    }
  return TRUE;
}

/* A duplicate points at its original; following those links must never come back to the
 * petition itself, or every petition on the circle would vanish from the counts. */
static gboolean
check_duplicate_chain (DtDatabase        *db,
                       const DtPetition  *petition,
                       GError           **error)
{
  g_autofree char *current = g_strdup (petition->duplicate_of);
  guint steps = 0;

  while (current != NULL)
    {
      sqlite3_stmt *stmt;
      char *next = NULL;
      int rc;

      if (g_str_equal (current, petition->code) || ++steps > 10000)
        {
          g_autofree char *prefix = record_prefix (&_dt_petition_spec, petition->code);
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("%s: “%s” would make duplicates that point at each other in a circle."),
                       prefix, petition->duplicate_of);
          return FALSE;
        }
      stmt = _dt_database_prepare_static (db, "SELECT d.code FROM petitions p "
                                              "JOIN petitions d ON d.id = p.duplicate_of "
                                              "WHERE p.code = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, current, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        next = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _dt_database_fail (db, rc, error);
      g_free (current);
      current = next;
    }
  return TRUE;
}

typedef gboolean (*ValidateFunc) (gconstpointer record, GError **error);

typedef enum
{
  WRITE_INSERT,
  WRITE_UPDATE,
} WriteMode;

static gboolean
record_write (DtDatabase         *db,
              const DtEntitySpec *spec,
              ValidateFunc        validate,
              gconstpointer       record,
              WriteMode           mode,
              GError            **error)
{
  gpointer clean = NULL;
  const char *code;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int position = 0;
  gboolean exists;
  gboolean ok = FALSE;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!(clean = _dt_record_clean (spec, record, error)))
    return FALSE;
  if (!validate (clean, error))
    goto out;
  code = record_code (spec, clean);

  if (!_dt_database_savepoint (db, error))
    goto out;

  exists = row_exists (db, spec->table, "code", code, &id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto undo;
    }
  if (mode == WRITE_INSERT && exists)
    {
      g_autofree char *prefix = record_prefix (spec, code);
      g_set_error (error, DT_ERROR, DT_ERROR_DUPLICATE, _("%s already exists in the database."),
                   prefix);
      goto undo;
    }
  if (mode == WRITE_UPDATE && !exists)
    {
      g_autofree char *prefix = record_prefix (spec, code);
      g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, _("%s does not exist."), prefix);
      goto undo;
    }

  if (!check_references (db, spec, clean, error) || !ensure_list_names (db, spec, clean, error))
    goto undo;
  if (spec == &_dt_petition_spec && !check_duplicate_chain (db, clean, error))
    goto undo;

  if (mode == WRITE_INSERT)
    {
      if (!(stmt = prepare_insert (db, spec, error)))
        goto undo;
      bind_fields (spec, clean, stmt, &position, FALSE);
    }
  else
    {
      if (!(stmt = prepare_update (db, spec, "WHERE id = ?", error)))
        goto undo;
      bind_fields (spec, clean, stmt, &position, TRUE);
      sqlite3_bind_int64 (stmt, position + 1, id);
    }
  if (!_dt_database_step_done (db, stmt, error))
    goto undo;
  if (mode == WRITE_INSERT)
    id = sqlite3_last_insert_rowid (_dt_database_get_handle (db));

  if (!write_lists (db, spec, clean, id, error))
    goto undo;

  ok = _dt_database_release (db, error);
  goto out;

undo:
  _dt_database_undo (db);
out:
  record_free (spec, clean);
  return ok;
}

static gpointer
record_load (DtDatabase         *db,
             const DtEntitySpec *spec,
             const char         *code,
             GError            **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  gpointer record;
  gint64 id;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  /* Codes are stored cleaned: look them up the same way. */
  clean = dt_text_clean (code);
  if (clean != NULL)
    code = clean;
  if (!(stmt = prepare_select (db, spec, "WHERE code = ?", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *prefix = record_prefix (spec, code);
          g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, _("%s does not exist."), prefix);
        }
      else
        _dt_database_fail (db, rc, error);
      return NULL;
    }
  record = _dt_record_new (spec);
  id = read_fields (spec, stmt, record);
  sqlite3_reset (stmt);
  if (!read_lists (db, spec, record, id, error))
    {
      record_free (spec, record);
      return NULL;
    }
  return record;
}

static gboolean
record_delete (DtDatabase         *db,
               const DtEntitySpec *spec,
               const char         *code,
               GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE code = ?", spec->table);
  g_autofree char *prefix = NULL;
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  clean = dt_text_clean (code);
  if (clean != NULL)
    code = clean;

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!(stmt = _dt_database_prepare (db, sql, error)))
    goto undo;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  prefix = record_prefix (spec, code);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s cannot be deleted: other records refer to it."), prefix);
      goto undo;
    }
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      goto undo;
    }
  if (sqlite3_changes (_dt_database_get_handle (db)) == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, _("%s does not exist."), prefix);
      goto undo;
    }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

gboolean
_dt_records_foreach (DtDatabase         *db,
                     const DtEntitySpec *spec,
                     DtRecordFunc        func,
                     gpointer            user_data,
                     GError            **error)
{
  const char *sql = sql_select (spec, "ORDER BY id");
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not the cached statement: read_lists () prepares others while this one steps. */
  rc = sqlite3_prepare_v2 (_dt_database_get_handle (db), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _dt_database_fail (db, rc, error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer record = _dt_record_new (spec);
      gint64 id = read_fields (spec, stmt, record);
      gboolean ok = read_lists (db, spec, record, id, error) && func (record, user_data, error);

      record_free (spec, record);
      if (!ok)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

static char **
list_codes (DtDatabase  *db,
            const char  *table,
            const char  *column,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY id", column, table);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------------------------ */

#define DEFINE_RECORD_API(name, Type, spec)                                                   \
  gboolean dt_##name##_insert (DtDatabase *db, const Type *record, GError **error)            \
  {                                                                                           \
    return record_write (db, &spec, (ValidateFunc) dt_##name##_validate, record,              \
                         WRITE_INSERT, error);                                                \
  }                                                                                           \
  gboolean dt_##name##_update (DtDatabase *db, const Type *record, GError **error)            \
  {                                                                                           \
    return record_write (db, &spec, (ValidateFunc) dt_##name##_validate, record,              \
                         WRITE_UPDATE, error);                                                \
  }                                                                                           \
  Type *dt_##name##_load (DtDatabase *db, const char *code, GError **error)                   \
  {                                                                                           \
    return record_load (db, &spec, code, error);                                              \
  }                                                                                           \
  gboolean dt_##name##_delete (DtDatabase *db, const char *code, GError **error)              \
  {                                                                                           \
    return record_delete (db, &spec, code, error);                                            \
  }                                                                                           \
  char **dt_##name##_list_codes (DtDatabase *db, GError **error)                              \
  {                                                                                           \
    g_return_val_if_fail (DT_IS_DATABASE (db), NULL);                                         \
    return list_codes (db, spec.table, "code", error);                                        \
  }

DEFINE_RECORD_API (plan, DtPlan, _dt_plan_spec)
DEFINE_RECORD_API (session, DtSession, _dt_session_spec)
DEFINE_RECORD_API (petition, DtPetition, _dt_petition_spec)

gboolean
_dt_petition_set_duplicate (DtDatabase  *db,
                            const char  *code,
                            const char  *original,
                            GError     **error)
{
  g_autoptr(DtPetition) petition = dt_petition_load (db, code, error);

  if (petition == NULL)
    return FALSE;
  g_free (petition->duplicate_of);
  petition->duplicate_of = g_strdup (original);
  return dt_petition_update (db, petition, error);
}

DtUnit *
dt_unit_load (DtDatabase  *db,
              GError     **error)
{
  const DtEntitySpec *specs[] = { &_dt_unit_spec, &_dt_rules_spec };
  g_autoptr(DtUnit) unit = dt_unit_new ();

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = prepare_select (db, specs[i], "WHERE id = 1", error)))
        return NULL;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        read_fields (specs[i], stmt, unit);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _dt_database_fail (db, rc, error);
          return NULL;
        }
    }
  return g_steal_pointer (&unit);
}

gboolean
dt_unit_save (DtDatabase    *db,
              const DtUnit  *unit,
              GError       **error)
{
  const DtEntitySpec *specs[] = { &_dt_unit_spec, &_dt_rules_spec };
  g_autoptr(DtUnit) clean = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (unit != NULL, FALSE);

  if (!(clean = _dt_record_clean (&_dt_unit_spec, unit, error)))
    return FALSE;
  /* The rules share the struct; _dt_record_clean copied only the unit's own fields. */
  clean->notice_lead_days = unit->notice_lead_days;
  clean->conclusion_days = unit->conclusion_days;
  clean->answer_working_days = unit->answer_working_days;
  if (!dt_unit_validate (clean, error))
    return FALSE;

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      sqlite3_stmt *stmt;
      int position = 0;

      if (!(stmt = prepare_update (db, specs[i], "WHERE id = 1", error)))
        goto undo;
      bind_fields (specs[i], clean, stmt, &position, FALSE);
      if (!_dt_database_step_done (db, stmt, error))
        goto undo;
    }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

const char *
_dt_list_table (DtList list)
{
  switch (list)
    {
    case DT_LIST_VILLAGES:
      return "villages";
    case DT_LIST_AGENCIES:
      return "agencies";
    case DT_LIST_FIELDS:
    default:
      return "fields";
    }
}

char **
dt_list_get (DtDatabase  *db,
             DtList       list,
             GError     **error)
{
  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  return list_codes (db, _dt_list_table (list), "name", error);
}

gboolean
dt_list_add (DtDatabase  *db,
             DtList       list,
             const char  *name,
             GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);

  if (name == NULL || !g_utf8_validate (name, -1, NULL) || !(clean = dt_text_clean (name)))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("A name is required."));
      return FALSE;
    }
  if (strpbrk (clean, "\r\n\t") != NULL || g_utf8_strlen (clean, -1) > NAME_MAX_CHARS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a usable name: keep it on one line and short."), clean);
      return FALSE;
    }
  sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (name) VALUES (?)", _dt_list_table (list));
  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  return _dt_database_step_done (db, stmt, error);
}

gboolean
dt_list_remove (DtDatabase  *db,
                DtList       list,
                const char  *name,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE name = ?", _dt_list_table (list));
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = dt_text_clean (name);
  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean != NULL ? clean : name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” cannot be removed from the list: records still use it."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  if (sqlite3_changes (_dt_database_get_handle (db)) == 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, _("“%s” is not in the list."), name);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
dt_calendar_list (DtDatabase  *db,
                  GError     **error)
{
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_calendar_year_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (!(stmt = _dt_database_prepare (db,
                                     "SELECT y.year, d.date, d.kind FROM calendar_years y "
                                     "LEFT JOIN calendar_days d ON d.year = y.year "
                                     "ORDER BY y.year, d.date", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      const char *date = (const char *) sqlite3_column_text (stmt, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      DtCalendarYear *last = years->len ? g_ptr_array_index (years, years->len - 1) : NULL;
      char ***list;
      guint n;

      if (last == NULL || last->year != year)
        {
          last = dt_calendar_year_new (year);
          g_ptr_array_add (years, last);
        }
      if (date == NULL)
        continue;
      list = g_strcmp0 (kind, "workday") == 0 ? &last->workdays : &last->holidays;
      n = g_strv_length (*list);
      *list = g_renew (char *, *list, n + 2);
      (*list)[n] = g_strdup (date);
      (*list)[n + 1] = NULL;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _dt_database_fail (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&years);
}

gboolean
dt_calendar_save (DtDatabase            *db,
                  const DtCalendarYear  *calendar,
                  GError               **error)
{
  const char *kinds[] = { "holiday", "workday" };
  char **lists[] = { calendar->holidays, calendar->workdays };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);

  if (!dt_calendar_year_validate (calendar, error))
    return FALSE;
  if (!_dt_database_savepoint (db, error))
    return FALSE;
  if (!dt_calendar_reset (db, calendar->year, error))
    goto undo;
  if (!(stmt = _dt_database_prepare (db, "INSERT INTO calendar_years (year) VALUES (?)", error)))
    goto undo;
  sqlite3_bind_int (stmt, 1, calendar->year);
  if (!_dt_database_step_done (db, stmt, error))
    goto undo;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        if (!(stmt = _dt_database_prepare (db, "INSERT INTO calendar_days (date, year, kind) "
                                               "VALUES (?, ?, ?)", error)))
          goto undo;
        sqlite3_bind_text (stmt, 1, lists[l][i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int (stmt, 2, calendar->year);
        sqlite3_bind_text (stmt, 3, kinds[l], -1, SQLITE_STATIC);
        if (!_dt_database_step_done (db, stmt, error))
          goto undo;
      }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

gboolean
dt_calendar_reset (DtDatabase  *db,
                   int          year,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);

  if (!(stmt = _dt_database_prepare (db, "DELETE FROM calendar_years WHERE year = ?", error)))
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  return _dt_database_step_done (db, stmt, error);
}

