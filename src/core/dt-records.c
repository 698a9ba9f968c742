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

static const DtChoice session_kinds[] = {
  { "dialogue", N_("Dialogue"), "Đối thoại" },
  { "contact", N_("Contact session"), "Tiếp xúc" },
  { "reception", N_("Reception day"), "Tiếp công dân" },
  { NULL }
};
static const DtChoice session_statuses[] = {
  { "planned", N_("Planned"), "Dự kiến" },
  { "held", N_("Held"), "Đã tổ chức" },
  { "postponed", N_("Postponed"), "Hoãn" },
  { "cancelled", N_("Cancelled"), "Hủy" },
  { NULL }
};
static const DtChoice petition_channels[] = {
  { "session", N_("At the session"), "Tại hội nghị" },
  { "front", N_("Through the Front and mass organisations"), "Qua MTTQ và các đoàn thể" },
  { "written", N_("In writing"), "Bằng văn bản" },
  { "direct", N_("In person"), "Trực tiếp" },
  { "phone", N_("By phone"), "Qua điện thoại" },
  { "other", N_("Other"), "Khác" },
  { NULL }
};
static const DtChoice petition_concerns[] = {
  { "organisation", N_("The Party organisation, government or an agency"),
    "Tổ chức đảng, chính quyền, cơ quan" },
  { "official", N_("An official, civil servant or Party member"),
    "Cán bộ, công chức, đảng viên" },
  { NULL }
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
    .label = N_("Kind"), .column = "kind", .required = TRUE, .choices = session_kinds },
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
    .label = N_("Status"), .column = "status", .required = TRUE, .choices = session_statuses },
  TEXT (DtSession, status_reason, N_("Reason for postponing or cancelling")),
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
    .label = N_("Channel"), .column = "channel", .required = TRUE, .choices = petition_channels },
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
  { .key = "concerns", .type = DT_FIELD_ENUM, .offset = G_STRUCT_OFFSET (DtPetition, concerns),
    .label = N_("Concerns"), .column = "concerns", .choices = petition_concerns },
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

#define SPEC(var, nm, lbl, tbl, vw, parent, type, free, flds) \
  const DtEntitySpec var = { nm, lbl, tbl, vw, parent, sizeof (type), (GDestroyNotify) free, \
                             flds, G_N_ELEMENTS (flds) }

SPEC (_dt_unit_spec, "unit", N_("Unit"), "unit", "unit", NULL, DtUnit, dt_unit_free, unit_fields);
SPEC (_dt_rules_spec, "rules", N_("Rules"), "unit", "unit", NULL, DtUnit, dt_unit_free,
      rules_fields);
SPEC (_dt_planned_session_spec, "planned_session", N_("Planned session"), "planned_sessions",
      "planned_sessions", "plan_id", DtPlannedSession, dt_planned_session_free,
      planned_session_fields);
SPEC (_dt_plan_spec, "plan", N_("Plan"), "plans", "plans", NULL, DtPlan, dt_plan_free,
      plan_fields);
SPEC (_dt_session_spec, "session", N_("Session"), "sessions", "sessions_v", NULL, DtSession,
      dt_session_free, session_fields);
SPEC (_dt_petition_event_spec, "event", N_("Event"), "petition_events", "petition_events",
      "petition_id", DtPetitionEvent, dt_petition_event_free, petition_event_fields);
SPEC (_dt_petition_spec, "petition", N_("Petition"), "petitions", "petitions_v", NULL,
      DtPetition, dt_petition_free, petition_fields);

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

void
_dt_record_free (const DtEntitySpec *spec,
                 gpointer            record)
{
  record_free (spec, record);
}

gsize
_dt_field_max_chars (const DtFieldSpec *field)
{
  switch (field->type)
    {
    case DT_FIELD_TEXT:
      return TEXT_MAX_CHARS;
    case DT_FIELD_LIST_REF:
      return NAME_MAX_CHARS;
    case DT_FIELD_CODE:
    case DT_FIELD_CODE_REF:
    case DT_FIELD_DATE:
    case DT_FIELD_TIME:
    case DT_FIELD_ENUM:
      return CODE_MAX_CHARS;
    case DT_FIELD_INT:
    case DT_FIELD_BOOL:
    case DT_FIELD_STRV:
    case DT_FIELD_DATEV:
    case DT_FIELD_CHILDREN:
    default:
      return 0;
    }
}

gboolean
_dt_field_has_value (const DtFieldSpec *field,
                     const char        *value)
{
  for (guint i = 0; field->choices != NULL && field->choices[i].value != NULL; i++)
    if (g_strcmp0 (field->choices[i].value, value) == 0)
      return TRUE;
  return FALSE;
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
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID, _("%s: “%s” is not valid UTF-8 text."),
                   prefix, _(field->label));
      dt_error_set_field (*error, spec->name, field->key, NULL);
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
  if (spec == &_dt_petition_spec)
    {
      ((DtPetition *) copy)->id = ((const DtPetition *) record)->id;
      ((DtPetition *) copy)->revision = ((const DtPetition *) record)->revision;
    }
  return copy;
}

/* ------------------------------------------------------------------------------------------
 * Validation: every problem of a record, each naming its field
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray          *errors;    /* of GError */
  gboolean            all;       /* every problem, or the first alone */
  const DtEntitySpec *spec;      /* the record validated (its children report under it) */
  const char         *code;
} Problems;

static void
problems_init (Problems           *problems,
               const DtEntitySpec *spec,
               const char         *code,
               gboolean            all)
{
  problems->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  problems->all = all;
  problems->spec = spec;
  problems->code = code;
}

static gboolean
problems_done (Problems *problems)
{
  return !problems->all && problems->errors->len > 0;
}

/* The first problem into ERROR; FALSE when there was one. */
static gboolean
problems_finish (Problems  *problems,
                 GError   **error)
{
  gboolean ok = problems->errors->len == 0;

  if (!ok)
    g_propagate_error (error, g_ptr_array_steal_index (problems->errors, 0));
  g_ptr_array_unref (problems->errors);
  return ok;
}

/* The message is "Petition “2025-0001”: DETAIL" for a file or a console; HINT, without the
 * record, is what a form shows beside the field KEY. */
G_GNUC_PRINTF (5, 6)
static void
add_problem (Problems   *problems,
             int         code,
             const char *key,
             const char *hint,
             const char *format,
             ...)
{
  g_autofree char *prefix = record_prefix (problems->spec, problems->code);
  g_autofree char *detail = NULL;
  GError *error;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  error = g_error_new (DT_ERROR, code, "%s: %s", prefix, detail);
  dt_error_set_field (error, problems->spec->name, key, hint);
  g_ptr_array_add (problems->errors, error);
}

static void
check_fields (const DtEntitySpec *spec,
              gconstpointer       record,
              const char         *key_prefix,
              Problems           *problems)
{
  for (guint i = 0; i < spec->n_fields && !problems_done (problems); i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      const char *label = _(field->label);
      g_autofree char *key = g_strconcat (key_prefix, field->key, NULL);
      g_autofree char *hint = NULL;

      if (field_is_string (field))
        {
          const char *value = DT_FIELD_STR (record, field);
          gsize max_chars = _dt_field_max_chars (field);

          if (value == NULL)
            {
              if (field->required)
                add_problem (problems, DT_ERROR_INVALID, key,
                             (hint = g_strdup_printf (_("%s: this must be filled in."), label)),
                             _("“%s” is required."), label);
              continue;
            }
          if (strlen (value) > max_chars && g_utf8_strlen (value, -1) > (glong) max_chars)
            add_problem (problems, DT_ERROR_INVALID, key,
                         (hint = g_strdup_printf (_("%s: at most %u characters."), label,
                                                  (guint) max_chars)),
                         _("“%s” is too long."), label);
          else if (field->type != DT_FIELD_TEXT && strpbrk (value, "\r\n\t") != NULL)
            add_problem (problems, DT_ERROR_INVALID, key,
                         (hint = g_strdup_printf (_("%s: this must fit on one line."), label)),
                         _("“%s” must fit on one line."), label);
          else if (field->type == DT_FIELD_DATE && !dt_date_is_valid (value))
            add_problem (problems, DT_ERROR_INVALID, key,
                         (hint = g_strdup_printf (_("%s: type the date as day/month/year, for "
                                                    "example 15/4/2025."), label)),
                         _("“%s” is not a real date: “%s” (expected YYYY-MM-DD, years %d to %d)."),
                         label, value, DT_YEAR_MIN, DT_YEAR_MAX);
          else if (field->type == DT_FIELD_TIME && !dt_time_is_valid (value))
            add_problem (problems, DT_ERROR_INVALID, key,
                         (hint = g_strdup_printf (_("%s: type the time as hours:minutes, for "
                                                    "example 07:30."), label)),
                         _("“%s” is not a time of day: “%s” (expected HH:MM)."), label, value);
          else if (field->type == DT_FIELD_ENUM && !_dt_field_has_value (field, value))
            {
              g_autoptr(GString) allowed = g_string_new (NULL);

              for (guint j = 0; field->choices[j].value != NULL; j++)
                g_string_append_printf (allowed, "%s%s", j > 0 ? ", " : "",
                                        field->choices[j].value);
              add_problem (problems, DT_ERROR_INVALID, key,
                           (hint = g_strdup_printf (_("%s: choose one of the values offered."),
                                                    label)),
                           _("“%s” has the unknown value “%s” (allowed: %s)."),
                           label, value, allowed->str);
            }
        }
      else if (field->type == DT_FIELD_INT)
        {
          int value = DT_FIELD_INT_VALUE (record, field);

          if (value == DT_NO_INT)
            {
              if (field->required)
                add_problem (problems, DT_ERROR_INVALID, key,
                             (hint = g_strdup_printf (_("%s: this must be filled in."), label)),
                             _("“%s” is required."), label);
            }
          else if (value < field->min || value > field->max)
            add_problem (problems, DT_ERROR_INVALID, key,
                         (hint = g_strdup_printf (_("%s: type a number from %d to %d."), label,
                                                  field->min, field->max)),
                         _("“%s” must be between %d and %d, not %d."),
                         label, field->min, field->max, value);
        }
      else if (field->type == DT_FIELD_DATEV)
        {
          char **values = *(char ***) DT_FIELD_PTR (record, field);

          for (guint j = 0; values != NULL && values[j] != NULL; j++)
            if (!dt_date_is_valid (values[j]))
              {
                g_autofree char *item_key = g_strdup_printf ("%s[%u]", key, j);
                g_autofree char *item_hint =
                  g_strdup_printf (_("%s: type the date as day/month/year, for example "
                                     "15/4/2025."), label);
                add_problem (problems, DT_ERROR_INVALID, item_key, item_hint,
                             _("“%s” holds “%s”, which is not a real date (expected YYYY-MM-DD)."),
                             label, values[j]);
                break;
              }
        }
      else if (field->type == DT_FIELD_CHILDREN)
        {
          GPtrArray *children = *(GPtrArray **) DT_FIELD_PTR (record, field);

          for (guint j = 0; children != NULL && j < children->len; j++)
            {
              g_autofree char *child_prefix = g_strdup_printf ("%s[%u].", key, j);
              check_fields (field->child, g_ptr_array_index (children, j), child_prefix,
                            problems);
            }
        }
    }
}

/* "later" must not come before "earlier" when both are set; the problem is LATER_KEY's. */
static void
check_order (Problems   *problems,
             const char *earlier,
             const char *earlier_label,
             const char *later,
             const char *later_key,
             const char *later_label)
{
  g_autofree char *earlier_text = NULL;
  g_autofree char *later_text = NULL;
  g_autofree char *hint = NULL;

  if (problems_done (problems) || earlier == NULL || later == NULL ||
      strcmp (later, earlier) >= 0)
    return;

  earlier_text = dt_date_to_display (earlier);
  later_text = dt_date_to_display (later);
  hint = g_strdup_printf (_("%s cannot be earlier than %s (%s)."), _(later_label),
                          _(earlier_label), earlier_text);
  add_problem (problems, DT_ERROR_INVALID, later_key, hint,
               _("“%s” (%s) is before “%s” (%s)."),
               _(later_label), later_text, _(earlier_label), earlier_text);
}

static void
unit_problems (const DtUnit *unit,
               Problems     *problems)
{
  check_fields (&_dt_unit_spec, unit, "", problems);
  problems->spec = &_dt_rules_spec;
  check_fields (&_dt_rules_spec, unit, "", problems);
  problems->spec = &_dt_unit_spec;
}

static void
plan_problems (const DtPlan *plan,
               Problems     *problems)
{
  check_fields (&_dt_plan_spec, plan, "", problems);

  for (guint i = 0; plan->planned_sessions != NULL && i < plan->planned_sessions->len &&
                    !problems_done (problems); i++)
    {
      DtPlannedSession *planned = g_ptr_array_index (plan->planned_sessions, i);

      if (planned->quarter != DT_NO_INT && planned->month != DT_NO_INT &&
          (planned->month - 1) / 3 + 1 != planned->quarter)
        {
          g_autofree char *key = g_strdup_printf ("planned_sessions[%u].month", i);
          g_autofree char *hint = g_strdup_printf (_("Month %d is not in quarter %d."),
                                                   planned->month, planned->quarter);
          add_problem (problems, DT_ERROR_INVALID, key, hint,
                       _("planned session %u is in month %d, which is not in quarter %d."),
                       i + 1, planned->month, planned->quarter);
        }
    }
}

static void
session_problems (const DtSession *session,
                  Problems        *problems)
{
  check_fields (&_dt_session_spec, session, "", problems);
  check_order (problems, session->notice_date, N_("Notice date"),
               session->date, "date", N_("Date"));
  check_order (problems, session->date, N_("Date"),
               session->conclusion_date, "conclusion_date", N_("Conclusion notice date"));
  if (!problems_done (problems) && session->minutes_start != NULL &&
      session->minutes_end != NULL && strcmp (session->minutes_end, session->minutes_start) < 0)
    add_problem (problems, DT_ERROR_INVALID, "minutes.end",
                 _("The minutes cannot end before they start."),
                 _("the minutes end (%s) before they start (%s)."),
                 session->minutes_end, session->minutes_start);
}

static void
petition_problems (const DtPetition *petition,
                   Problems         *problems)
{
  struct {
    const char *date;
    const char *key;
    const char *label;
  } after_received[] = {
    { petition->answered_date, "answered_date", N_("Answered at the session on") },
    { petition->assigned_date, "assigned_date", N_("Assigned date") },
    { petition->escalated_date, "escalated_date", N_("Escalated date") },
    { petition->declined_date, "declined_date", N_("Declined date") },
    { petition->withdrawn_date, "withdrawn_date", N_("Withdrawn date") },
    { petition->resolved_date, "resolved_date", N_("Resolved date") },
    { petition->informed_date, "informed_date", N_("Petitioner informed on") },
  };

  check_fields (&_dt_petition_spec, petition, "", problems);
  /* Dates compared only when they are real ones: the fields said what is wrong otherwise. */
  if (problems->errors->len > 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (after_received); i++)
    check_order (problems, petition->received, N_("Received date"),
                 after_received[i].date, after_received[i].key, after_received[i].label);
  check_order (problems, petition->assigned_date, N_("Assigned date"),
               petition->resolved_date, "resolved_date", N_("Resolved date"));
  check_order (problems, petition->assigned_date, N_("Assigned date"),
               petition->deadline, "deadline", N_("Deadline"));
  for (guint i = 0; petition->events != NULL && i < petition->events->len; i++)
    {
      DtPetitionEvent *event = g_ptr_array_index (petition->events, i);
      g_autofree char *key = g_strdup_printf ("events[%u].date", i);

      check_order (problems, petition->received, N_("Received date"),
                   event->date, key, N_("Event"));
    }

  if (problems_done (problems))
    return;
  if ((petition->assigned_to == NULL) != (petition->assigned_date == NULL))
    add_problem (problems, DT_ERROR_INVALID,
                 petition->assigned_to == NULL ? "assigned_to" : "assigned_date",
                 petition->assigned_to == NULL ? _("Choose the agency it is assigned to.")
                                               : _("Type the date it was assigned."),
                 _("an assignment needs both “%s” and “%s”."),
                 _("Assigned agency"), _("Assigned date"));
  if (!problems_done (problems) && petition->escalated_date != NULL &&
      petition->escalated_to == NULL)
    add_problem (problems, DT_ERROR_INVALID, "escalated_to",
                 _("Say to whom it was sent on."),
                 _("“%s” is required when the petition is escalated."), _("Escalated to"));
  if (!problems_done (problems) && g_strcmp0 (petition->channel, "session") == 0 &&
      petition->session == NULL)
    add_problem (problems, DT_ERROR_INVALID, "session",
                 _("Choose the session it was raised at."),
                 _("a petition raised at a session must name the “%s”."), _("Session"));
  if (!problems_done (problems) && petition->duplicate_of != NULL &&
      g_strcmp0 (petition->duplicate_of, petition->code) == 0)
    add_problem (problems, DT_ERROR_INVALID, "duplicate_of",
                 _("A petition cannot be a duplicate of itself."),
                 _("a petition cannot be a duplicate of itself."));
}

typedef void (*ProblemsFunc) (gconstpointer record, Problems *problems);

static gboolean
validate_first (const DtEntitySpec  *spec,
                ProblemsFunc         func,
                gconstpointer        record,
                GError             **error)
{
  Problems problems;

  problems_init (&problems, spec, record_code (spec, record), FALSE);
  func (record, &problems);
  return problems_finish (&problems, error);
}

static GPtrArray *
validate_all (const DtEntitySpec *spec,
              ProblemsFunc        func,
              gconstpointer       record)
{
  Problems problems;

  problems_init (&problems, spec, record_code (spec, record), TRUE);
  func (record, &problems);
  return problems.errors;
}

#define DEFINE_VALIDATE(name, Type, spec)                                                      \
  gboolean dt_##name##_validate (const Type *record, GError **error)                           \
  {                                                                                            \
    g_return_val_if_fail (record != NULL, FALSE);                                              \
    return validate_first (&spec, (ProblemsFunc) name##_problems, record, error);              \
  }                                                                                            \
  GPtrArray *dt_##name##_problems (const Type *record)                                         \
  {                                                                                            \
    g_return_val_if_fail (record != NULL, NULL);                                               \
    return validate_all (&spec, (ProblemsFunc) name##_problems, record);                       \
  }

DEFINE_VALIDATE (unit, DtUnit, _dt_unit_spec)
DEFINE_VALIDATE (plan, DtPlan, _dt_plan_spec)
DEFINE_VALIDATE (session, DtSession, _dt_session_spec)
DEFINE_VALIDATE (petition, DtPetition, _dt_petition_spec)

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

/* A session of a plan cannot come before the plan's year (DESIGN §4: refused with the
 * reason); later is allowed, for a session postponed into the next January. */
static gboolean
check_session_plan (DtDatabase       *db,
                    const DtSession  *session,
                    GError          **error)
{
  sqlite3_stmt *stmt;
  GDate date;
  int year = 0;
  int rc;

  if (session->plan == NULL || !dt_date_parse (session->date, &date))
    return TRUE;
  if (!(stmt = _dt_database_prepare (db, "SELECT year FROM plans WHERE code = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, session->plan, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    year = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);

  if (year != 0 && (int) g_date_get_year (&date) < year)
    {
      g_autofree char *prefix = record_prefix (&_dt_session_spec, session->code);
      g_autofree char *shown = dt_date_to_display (session->date);
      g_autofree char *hint = g_strdup_printf (_("The plan %s is for %d: the date cannot be "
                                                 "earlier than that year."),
                                               session->plan, year);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: the date %s is before the year of its plan %s (%d)."),
                   prefix, shown, session->plan, year);
      if (error != NULL)
        dt_error_set_field (*error, _dt_session_spec.name, "date", hint);
      return FALSE;
    }
  return TRUE;
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
field_values_equal (const DtFieldSpec *field,
                    gconstpointer      a,
                    gconstpointer      b)
{
  if (field_is_string (field))
    return g_strcmp0 (DT_FIELD_STR (a, field), DT_FIELD_STR (b, field)) == 0;
  if (field->type == DT_FIELD_BOOL)
    return !DT_FIELD_INT_VALUE (a, field) == !DT_FIELD_INT_VALUE (b, field);
  return DT_FIELD_INT_VALUE (a, field) == DT_FIELD_INT_VALUE (b, field);
}

static gboolean
columns_equal (const DtEntitySpec *spec,
               gconstpointer       a,
               gconstpointer       b)
{
  for (guint i = 0; i < spec->n_fields; i++)
    if (field_has_column (&spec->fields[i]) && !field_values_equal (&spec->fields[i], a, b))
      return FALSE;
  return TRUE;
}

/* The number of leading items of a list field that A and B have alike. */
static guint
list_common_prefix (const DtFieldSpec *field,
                    gconstpointer      a,
                    gconstpointer      b,
                    guint             *n_a,
                    guint             *n_b)
{
  guint n = 0;

  if (field->type == DT_FIELD_CHILDREN)
    {
      GPtrArray *list_a = *(GPtrArray **) DT_FIELD_PTR (a, field);
      GPtrArray *list_b = *(GPtrArray **) DT_FIELD_PTR (b, field);

      *n_a = list_a != NULL ? list_a->len : 0;
      *n_b = list_b != NULL ? list_b->len : 0;
      while (n < *n_a && n < *n_b &&
             columns_equal (field->child, g_ptr_array_index (list_a, n),
                            g_ptr_array_index (list_b, n)))
        n++;
    }
  else
    {
      char **list_a = *(char ***) DT_FIELD_PTR (a, field);
      char **list_b = *(char ***) DT_FIELD_PTR (b, field);

      *n_a = list_a != NULL ? g_strv_length (list_a) : 0;
      *n_b = list_b != NULL ? g_strv_length (list_b) : 0;
      while (n < *n_a && n < *n_b && g_str_equal (list_a[n], list_b[n]))
        n++;
    }
  return n;
}

/* Writes the lists of RECORD for row ID. With OLD (what the row holds now), the items both
 * have alike at the start are left alone: adding an event to a petition inserts one row. */
static gboolean
write_lists (DtDatabase         *db,
             const DtEntitySpec *spec,
             gconstpointer       record,
             gconstpointer       old,
             gint64              id,
             gboolean           *changed,
             GError            **error)
{
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      /* Lists of texts and dates belong to plans; child records name their parent column. */
      const char *parent = field->child != NULL ? field->child->parent_column : "plan_id";
      guint keep = 0, n_old = 0, n_new = 0;
      sqlite3_stmt *stmt;

      if (field_has_column (field))
        continue;

      if (old != NULL)
        {
          keep = list_common_prefix (field, record, old, &n_new, &n_old);
          if (keep == n_old && keep == n_new)
            continue;
        }
      *changed = TRUE;

      if (!(stmt = prepare_printf (db, "DELETE FROM %s WHERE %s = ? AND position >= ?",
                                   field->ref_table, parent, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) keep);
      if (!_dt_database_step_done (db, stmt, error))
        return FALSE;

      if (field->type == DT_FIELD_CHILDREN)
        {
          GPtrArray *children = *(GPtrArray **) DT_FIELD_PTR (record, field);

          for (guint j = keep; children != NULL && j < children->len; j++)
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

          for (guint j = keep; values != NULL && values[j] != NULL; j++)
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

/* UPDATE of the columns that differ from OLD alone (the code too, when the row is found by
 * id), and of the revision of a petition that changed in any way. */
static gboolean
update_changed_columns (DtDatabase         *db,
                        const DtEntitySpec *spec,
                        gconstpointer       record,
                        gconstpointer       old,
                        gint64              id,
                        gboolean            lists_changed,
                        GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  gboolean revised = spec == &_dt_petition_spec;
  sqlite3_stmt *stmt;
  int position = 0;

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];

      if (field_has_column (field) && !field_values_equal (field, record, old))
        g_ptr_array_add (changed, (gpointer) field);
    }
  if (changed->len == 0 && !(revised && lists_changed))
    return TRUE;

  g_string_append_printf (sql, "UPDATE %s SET ", spec->table);
  for (guint i = 0; i < changed->len; i++)
    {
      const DtFieldSpec *field = g_ptr_array_index (changed, i);
      g_autofree char *expression = value_expression (field);

      g_string_append_printf (sql, "%s%s = %s", i > 0 ? ", " : "", field->column, expression);
    }
  if (revised)
    g_string_append_printf (sql, "%srevision = revision + 1", changed->len > 0 ? ", " : "");
  g_string_append (sql, " WHERE id = ?");

  /* Column names come from the field tables alone: a handful of shapes, each cached. */
  if (!(stmt = _dt_database_prepare (db, sql->str, error)))
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      const DtFieldSpec *field = g_ptr_array_index (changed, i);
      int index = ++position;

      if (field_is_string (field))
        sqlite3_bind_text (stmt, index, DT_FIELD_STR (record, field), -1, SQLITE_TRANSIENT);
      else if (field->type == DT_FIELD_BOOL)
        sqlite3_bind_int (stmt, index, DT_FIELD_INT_VALUE (record, field) ? 1 : 0);
      else if (DT_FIELD_INT_VALUE (record, field) == DT_NO_INT)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_int (stmt, index, DT_FIELD_INT_VALUE (record, field));
    }
  sqlite3_bind_int64 (stmt, position + 1, id);
  return _dt_database_step_done (db, stmt, error);
}

static gpointer record_load_row (DtDatabase         *db,
                                 const DtEntitySpec *spec,
                                 const char         *code,
                                 gint64              id,
                                 GError            **error);

/* Writes RECORD; for a petition whose id is set, the row with that id (its code may change),
 * and when its revision is set, only if nobody changed the row since it was loaded. */
static gint64
record_write (DtDatabase         *db,
              const DtEntitySpec *spec,
              ValidateFunc        validate,
              gconstpointer       record,
              WriteMode           mode,
              GError            **error)
{
  gpointer clean = NULL;
  gpointer old = NULL;
  const char *code;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gint64 by_id = 0;
  gint64 same_code = 0;
  gint64 result = 0;
  gboolean lists_changed = FALSE;

  g_return_val_if_fail (DT_IS_DATABASE (db), 0);
  g_return_val_if_fail (record != NULL, 0);

  if (!(clean = _dt_record_clean (spec, record, error)))
    return 0;
  if (!validate (clean, error))
    goto out;
  code = record_code (spec, clean);
  if (spec == &_dt_petition_spec && mode == WRITE_UPDATE)
    by_id = ((DtPetition *) clean)->id;

  if (!_dt_database_savepoint (db, error))
    goto out;

  if (!row_exists (db, spec->table, "code", code, &same_code, &local_error) &&
      local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto undo;
    }
  id = by_id > 0 ? by_id : same_code;
  if (mode == WRITE_INSERT ? same_code != 0 : (same_code != 0 && same_code != id))
    {
      g_autofree char *prefix = record_prefix (spec, code);
      g_set_error (error, DT_ERROR, DT_ERROR_DUPLICATE, _("%s already exists in the database."),
                   prefix);
      dt_error_set_field (*error, spec->name, "code", NULL);
      goto undo;
    }
  if (mode == WRITE_UPDATE)
    {
      if (id == 0 || !(old = record_load_row (db, spec, NULL, id, &local_error)))
        {
          g_autofree char *prefix = record_prefix (spec, code);

          if (local_error != NULL && local_error->code != DT_ERROR_NOT_FOUND)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, DT_ERROR, DT_ERROR_NOT_FOUND, _("%s does not exist."), prefix);
          goto undo;
        }
      if (spec == &_dt_petition_spec && ((DtPetition *) clean)->revision > 0 &&
          ((DtPetition *) clean)->revision != ((DtPetition *) old)->revision)
        {
          g_autofree char *prefix = record_prefix (spec, code);
          g_set_error (error, DT_ERROR, DT_ERROR_CONFLICT,
                       _("%s was changed elsewhere since it was opened, so this edit was not "
                         "saved. Open it again to see the change, then make yours."), prefix);
          goto undo;
        }
    }

  if (!check_references (db, spec, clean, error) || !ensure_list_names (db, spec, clean, error))
    goto undo;
  if (spec == &_dt_petition_spec && !check_duplicate_chain (db, clean, error))
    goto undo;
  if (spec == &_dt_session_spec && !check_session_plan (db, clean, error))
    goto undo;

  if (mode == WRITE_INSERT)
    {
      int position = 0;

      if (!(stmt = prepare_insert (db, spec, error)))
        goto undo;
      bind_fields (spec, clean, stmt, &position, FALSE);
      if (!_dt_database_step_done (db, stmt, error))
        goto undo;
      id = sqlite3_last_insert_rowid (_dt_database_get_handle (db));
    }

  if (!write_lists (db, spec, clean, old, id, &lists_changed, error))
    goto undo;
  if (mode == WRITE_UPDATE &&
      !update_changed_columns (db, spec, clean, old, id, lists_changed, error))
    goto undo;

  if (_dt_database_release (db, error))
    result = id;
  goto out;

undo:
  _dt_database_undo (db);
out:
  record_free (spec, clean);
  if (old != NULL)
    record_free (spec, old);
  return result;
}

/* By CODE, or by ID when CODE is NULL. */
static gpointer
record_load_row (DtDatabase         *db,
                 const DtEntitySpec *spec,
                 const char         *code,
                 gint64              id,
                 GError            **error)
{
  g_autofree char *clean = NULL;
  sqlite3_stmt *stmt;
  gpointer record;
  int rc;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (code != NULL)
    {
      /* Codes are stored cleaned: look them up the same way. */
      clean = dt_text_clean (code);
      if (clean != NULL)
        code = clean;
      if (!(stmt = prepare_select (db, spec, "WHERE code = ?", error)))
        return NULL;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
    }
  else
    {
      if (!(stmt = prepare_select (db, spec, "WHERE id = ?", error)))
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        {
          g_autofree char *prefix = NULL;

          if (code != NULL)
            prefix = record_prefix (spec, code);
          else
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
              prefix = g_strdup_printf (_("%s number %s"), _(spec->label), number);
            }
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
  if (spec == &_dt_petition_spec)
    {
      DtPetition *petition = record;

      petition->id = id;
      if (!(stmt = _dt_database_prepare_static (db, "SELECT revision FROM petitions WHERE id = ?",
                                                error)))
        {
          record_free (spec, record);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        petition->revision = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return record;
}

static gpointer
record_load (DtDatabase         *db,
             const DtEntitySpec *spec,
             const char         *code,
             GError            **error)
{
  g_return_val_if_fail (code != NULL, NULL);
  return record_load_row (db, spec, code, 0, error);
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
  gint64 dt_##name##_insert (DtDatabase *db, const Type *record, GError **error)              \
  {                                                                                           \
    return record_write (db, &spec, (ValidateFunc) dt_##name##_validate, record,              \
                         WRITE_INSERT, error);                                                \
  }                                                                                           \
  gboolean dt_##name##_update (DtDatabase *db, const Type *record, GError **error)            \
  {                                                                                           \
    return record_write (db, &spec, (ValidateFunc) dt_##name##_validate, record,              \
                         WRITE_UPDATE, error) != 0;                                           \
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

DtPetition *
dt_petition_load_by_id (DtDatabase  *db,
                        gint64       id,
                        GError     **error)
{
  g_return_val_if_fail (id > 0, NULL);
  return record_load_row (db, &_dt_petition_spec, NULL, id, error);
}

gboolean
dt_petition_delete_by_id (DtDatabase  *db,
                          gint64       id,
                          GError     **error)
{
  g_autoptr(DtPetition) petition = dt_petition_load_by_id (db, id, error);

  return petition != NULL && dt_petition_delete (db, petition->code, error);
}

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


/* ------------------------------------------------------------------------------------------
 * Field descriptions for forms
 * ------------------------------------------------------------------------------------------ */

static const DtEntitySpec *
kind_spec (DtRecordKind kind)
{
  static const DtEntitySpec * const specs[] = {
    [DT_RECORD_UNIT] = &_dt_unit_spec,
    [DT_RECORD_RULES] = &_dt_rules_spec,
    [DT_RECORD_PLAN] = &_dt_plan_spec,
    [DT_RECORD_PLANNED_SESSION] = &_dt_planned_session_spec,
    [DT_RECORD_SESSION] = &_dt_session_spec,
    [DT_RECORD_PETITION] = &_dt_petition_spec,
    [DT_RECORD_EVENT] = &_dt_petition_event_spec,
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (specs), NULL);
  return specs[kind];
}

guint
dt_record_get_n_fields (DtRecordKind kind)
{
  const DtEntitySpec *spec = kind_spec (kind);

  return spec != NULL ? spec->n_fields : 0;
}

const DtFieldInfo *
dt_record_get_field (DtRecordKind kind,
                     guint        index)
{
  const DtEntitySpec *spec = kind_spec (kind);

  g_return_val_if_fail (spec != NULL && index < spec->n_fields, NULL);
  return &spec->fields[index];
}

const DtFieldInfo *
dt_record_find_field (DtRecordKind  kind,
                      const char   *key)
{
  const DtEntitySpec *spec = kind_spec (kind);

  g_return_val_if_fail (key != NULL, NULL);
  for (guint i = 0; spec != NULL && i < spec->n_fields; i++)
    if (g_str_equal (spec->fields[i].key, key))
      return &spec->fields[i];
  return NULL;
}

const char *
dt_field_info_get_key (const DtFieldInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->key;
}

const char *
dt_field_info_get_label (const DtFieldInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return _(info->label);
}

DtFieldKind
dt_field_info_get_kind (const DtFieldInfo *info)
{
  static const DtFieldKind kinds[] = {
    [DT_FIELD_TEXT] = DT_FIELD_KIND_TEXT,
    [DT_FIELD_CODE] = DT_FIELD_KIND_LINE,
    [DT_FIELD_DATE] = DT_FIELD_KIND_DATE,
    [DT_FIELD_TIME] = DT_FIELD_KIND_TIME,
    [DT_FIELD_INT] = DT_FIELD_KIND_NUMBER,
    [DT_FIELD_BOOL] = DT_FIELD_KIND_FLAG,
    [DT_FIELD_ENUM] = DT_FIELD_KIND_CHOICE,
    [DT_FIELD_LIST_REF] = DT_FIELD_KIND_NAME,
    [DT_FIELD_CODE_REF] = DT_FIELD_KIND_REFERENCE,
    [DT_FIELD_STRV] = DT_FIELD_KIND_TEXTS,
    [DT_FIELD_DATEV] = DT_FIELD_KIND_DATES,
    [DT_FIELD_CHILDREN] = DT_FIELD_KIND_RECORDS,
  };

  g_return_val_if_fail (info != NULL, DT_FIELD_KIND_TEXT);
  return kinds[info->type];
}

gboolean
dt_field_info_is_required (const DtFieldInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return info->required;
}

guint
dt_field_info_get_max_chars (const DtFieldInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return (guint) _dt_field_max_chars (info);
}

void
dt_field_info_get_range (const DtFieldInfo *info,
                         int               *min,
                         int               *max)
{
  g_return_if_fail (info != NULL);
  if (min != NULL)
    *min = info->min;
  if (max != NULL)
    *max = info->max;
}

guint
dt_field_info_get_n_values (const DtFieldInfo *info)
{
  guint n = 0;

  g_return_val_if_fail (info != NULL, 0);
  while (info->choices != NULL && info->choices[n].value != NULL)
    n++;
  return n;
}

const char *
dt_field_info_get_value (const DtFieldInfo *info,
                         guint              index)
{
  g_return_val_if_fail (index < dt_field_info_get_n_values (info), NULL);
  return info->choices[index].value;
}

static const DtChoice *
find_choice (const DtFieldInfo *info,
             const char        *value)
{
  for (guint i = 0; info->choices != NULL && info->choices[i].value != NULL; i++)
    if (g_strcmp0 (info->choices[i].value, value) == 0)
      return &info->choices[i];
  return NULL;
}

const char *
dt_field_info_get_value_label (const DtFieldInfo *info,
                               const char        *value)
{
  const DtChoice *choice;

  g_return_val_if_fail (info != NULL, NULL);
  choice = find_choice (info, value);
  return choice != NULL ? _(choice->label) : NULL;
}

const char *
dt_field_info_get_value_label_vi (const DtFieldInfo *info,
                                  const char        *value)
{
  const DtChoice *choice;

  g_return_val_if_fail (info != NULL, NULL);
  choice = find_choice (info, value);
  return choice != NULL ? choice->label_vi : NULL;
}

const char *
dt_choice_label (DtRecordKind  kind,
                 const char   *key,
                 const char   *value)
{
  const DtFieldInfo *info = dt_record_find_field (kind, key);

  g_return_val_if_fail (info != NULL, NULL);
  return dt_field_info_get_value_label (info, value);
}

const char *
dt_choice_label_vi (DtRecordKind  kind,
                    const char   *key,
                    const char   *value)
{
  const DtFieldInfo *info = dt_record_find_field (kind, key);

  g_return_val_if_fail (info != NULL, NULL);
  return dt_field_info_get_value_label_vi (info, value);
}
