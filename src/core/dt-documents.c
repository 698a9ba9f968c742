/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-documents"

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dt-calendar.h"
#include "dt-database-private.h"
#include "dt-documents.h"
#include "dt-error.h"
#include "dt-lunar.h"
#include "dt-petition-query.h"
#include "dt-records.h"
#include "dt-status.h"
#include "dt-text.h"
#include "dt-util.h"

/* The wording of the documents is Vietnamese, whatever the interface language, and follows
 * the office's own papers (seeds 002 and 004, Hướng dẫn 36-HD/VPTW). */

#define MASK           "(bảo mật)"
#define NO_NAME        "(không ghi tên)"
#define DEFAULT_SYMBOL "ĐU"
#define BODY           "Ban Thường vụ Đảng ủy"

typedef struct
{
  const char *name;
  const char *label;
  const char *title_vi;
  const char *symbol;
} KindInfo;

static const KindInfo kinds[DT_N_DOCUMENT_KINDS] = {
  { "notice", N_("Session notice"), "Thông báo", "TB" },
  { "minutes", N_("Minutes"), "Biên bản", NULL },
  { "conclusion", N_("Conclusion notice"), "Thông báo kết luận", "TB" },
  { "transfer", N_("Transfer slip"), "Phiếu chuyển", "PC" },
  { "reminder", N_("Reminder letter"), "Công văn đôn đốc", "CV" },
  { "plan", N_("Annual plan"), "Kế hoạch", "KH" },
};

/* Everything one document is made from. */
typedef struct
{
  DtDatabase              *db;
  const DtDocumentRequest *request;
  DtUnit                  *unit;
  DtSession               *session;
  DtPlan                  *plan;
  GPtrArray               *petitions;      /* of DtPetition */
  const char              *agency;
  DtWorkCalendar          *calendar;
  char                    *number;
  char                    *date;
  gboolean                 recorded;
  GDate                    day;            /* the document's date */
  GDate                    as_of;
} Job;

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->unit, dt_unit_free);
  g_clear_pointer (&job->session, dt_session_free);
  g_clear_pointer (&job->plan, dt_plan_free);
  g_clear_pointer (&job->petitions, g_ptr_array_unref);
  g_clear_pointer (&job->calendar, dt_work_calendar_free);
  g_clear_pointer (&job->number, g_free);
  g_clear_pointer (&job->date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Job, job_clear)

/* Numbers */

/* "15-TB/ĐU", "08 – KH/HU": the serial and the type. */
static gboolean
parse_number (const char  *number,
              guint64     *serial,
              char       **type)
{
  const char *p = number;
  const char *start;
  guint64 value = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (value > G_MAXUINT64 / 10 - 10)
        return FALSE;
      value = value * 10 + (guint64) (*p - '0');
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    p++;
  else if (g_str_has_prefix (p, "–"))
    p += strlen ("–");
  else
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  start = p;
  while (*p != '\0' && *p != '/' && !g_ascii_isspace (*p))
    p = g_utf8_next_char (p);
  if (p == start)
    return FALSE;
  *serial = value;
  *type = g_utf8_casefold (start, p - start);
  return TRUE;
}

/* The same number however it was typed: no spaces, one kind of dash, one case. */
static char *
number_key (const char *number)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *folded = g_utf8_casefold (number, -1);
  g_autofree char *nfc = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      if (c == 0x2013 || c == 0x2014)
        c = '-';
      g_string_append_unichar (key, c);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* Every number the office gave in YEAR, with where it is: (number, date, source, code). */
static const char issued_sql[] =
  "SELECT number, date, source, code FROM ("
  "  SELECT notice_number AS number, notice_date AS date, 'notice' AS source, code"
  "  FROM sessions"
  "  UNION ALL SELECT conclusion_number, conclusion_date, 'conclusion', code FROM sessions"
  "  UNION ALL SELECT number, issued, 'plan', code FROM plans"
  "  UNION ALL SELECT escalated_number, escalated_date, 'escalation', code FROM petitions"
  "    WHERE escalated_number IS NOT NULL"
  "  UNION ALL SELECT e.number, e.date, 'event', p.code FROM petition_events e"
  "    JOIN petitions p ON p.id = e.petition_id WHERE e.number IS NOT NULL)"
  " WHERE number IS NOT NULL AND substr (date, 1, 4) = ?1";

typedef gboolean (*IssuedFunc) (const char *number,
                                const char *source,
                                const char *code,
                                gpointer    user_data);

/* Calls FUNC for each number given in YEAR, until it returns FALSE. */
static gboolean
foreach_issued (DtDatabase  *db,
                int          year,
                IssuedFunc   func,
                gpointer     user_data,
                GError     **error)
{
  g_autofree char *year_text = g_strdup_printf ("%04d", year);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _dt_database_prepare_static (db, issued_sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, year_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func ((const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 2),
               (const char *) sqlite3_column_text (stmt, 3), user_data))
      {
        rc = SQLITE_DONE;
        break;
      }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

typedef struct
{
  char    *type;
  guint64  highest;
} Highest;

static gboolean
highest_cb (const char *number,
            const char *source,
            const char *code,
            gpointer    user_data)
{
  Highest *highest = user_data;
  g_autofree char *type = NULL;
  guint64 serial;

  if (parse_number (number, &serial, &type) && g_str_equal (type, highest->type))
    highest->highest = MAX (highest->highest, serial);
  return TRUE;
}

static char *
unit_symbol (const DtUnit *unit)
{
  return g_strdup (unit != NULL && unit->symbol != NULL ? unit->symbol : DEFAULT_SYMBOL);
}

static char *
next_number (DtDatabase     *db,
             const DtUnit   *unit,
             DtDocumentKind  kind,
             int             year,
             GError        **error)
{
  const char *symbol = kinds[kind].symbol;
  g_autofree char *unit_sym = NULL;
  Highest highest = { 0 };

  if (symbol == NULL)
    return NULL;
  highest.type = g_utf8_casefold (symbol, -1);
  if (!foreach_issued (db, year, highest_cb, &highest, error))
    {
      g_free (highest.type);
      return NULL;
    }
  g_free (highest.type);
  unit_sym = unit_symbol (unit);
  /* From 01, two digits at least, as the office numbers its papers. */
  return g_strdup_printf ("%02" G_GUINT64_FORMAT "-%s/%s", highest.highest + 1, symbol,
                          unit_sym);
}

/* Text helpers */

static const char *
weekday_name (const GDate *date)
{
  switch (g_date_get_weekday (date))
    {
    case G_DATE_MONDAY: return "thứ Hai";
    case G_DATE_TUESDAY: return "thứ Ba";
    case G_DATE_WEDNESDAY: return "thứ Tư";
    case G_DATE_THURSDAY: return "thứ Năm";
    case G_DATE_FRIDAY: return "thứ Sáu";
    case G_DATE_SATURDAY: return "thứ Bảy";
    case G_DATE_SUNDAY: return "Chủ nhật";
    case G_DATE_BAD_WEEKDAY:
    default: return "";
    }
}

/* "08:30" → "8 giờ 30 phút", "08:00" → "8 giờ": as it is read out on the loudspeakers. */
static char *
time_words (const char *time)
{
  int hour;
  int minute;

  if (time == NULL || sscanf (time, "%d:%d", &hour, &minute) != 2)
    return NULL;
  if (minute == 0)
    return g_strdup_printf ("%d giờ", hour);
  return g_strdup_printf ("%d giờ %02d phút", hour, minute);
}

/* "ngày 18 tháng 3 năm Ất Tỵ", "ngày 5 tháng 2 nhuận năm Quý Mão". */
static char *
lunar_words (const GDate *date)
{
  DtLunarDate lunar;

  if (!dt_lunar_from_solar (date, &lunar, NULL))
    return NULL;
  return g_strdup_printf ("ngày %d tháng %d%s năm %s", lunar.day, lunar.month,
                          lunar.leap ? " nhuận" : "", dt_lunar_year_name (lunar.year));
}

static char *
date_words (const char *iso)
{
  GDate date;

  if (iso == NULL || !dt_date_parse (iso, &date))
    return g_strdup ("");
  return dt_text_date_words (&date);
}

/* "05/4/2025", "15/01/2026": in running text and tables the day is padded, and the month
 * when it is January or February, as in the date line (Hướng dẫn 36). */
static char *
date_short_g (const GDate *date)
{
  guint month = g_date_get_month (date);

  return g_strdup_printf (month <= 2 ? "%02u/%02u/%u" : "%02u/%u/%u", g_date_get_day (date),
                          month, g_date_get_year (date));
}

static char *
date_short (const char *iso)
{
  GDate date;

  if (iso == NULL || !dt_date_parse (iso, &date))
    return g_strdup ("");
  return date_short_g (&date);
}

/* A signature carries the name alone: "Nguyễn Văn An, Bí thư Đảng ủy" → "Nguyễn Văn An". */
static char *
name_only (const char *person)
{
  const char *comma;

  if (person == NULL)
    return NULL;
  comma = strchr (person, ',');
  return comma != NULL ? g_strstrip (g_strndup (person, comma - person)) : g_strdup (person);
}

/* The first letter in lower case, unless the word is an abbreviation (UBND). */
static char *
lower_first (const char *text)
{
  const char *second;
  g_autofree char *first = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  second = g_utf8_next_char (text);
  if (*second != '\0' && g_unichar_isupper (g_utf8_get_char (second)))
    return g_strdup (text);
  first = g_utf8_strdown (text, second - text);
  return g_strconcat (first, second, NULL);
}

static char *
upper_first (const char *text)
{
  const char *second;
  g_autofree char *first = NULL;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  second = g_utf8_next_char (text);
  first = g_utf8_strup (text, second - text);
  return g_strconcat (first, second, NULL);
}

/* TEXT without a leading WORD ("Kế hoạch …"), compared without case. */
static const char *
skip_word (const char *text,
           const char *word)
{
  g_autofree char *folded_text = g_utf8_casefold (text, -1);
  g_autofree char *folded_word = g_utf8_casefold (word, -1);
  const char *p;

  if (!g_str_has_prefix (folded_text, folded_word))
    return text;
  p = text + strlen (word);
  while (*p == ' ' || *p == ':')
    p++;
  return *p != '\0' ? p : text;
}

/* Ends a sentence built from free text with one full stop. */
static char *
sentence (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  gsize length = strlen (trimmed);

  if (length == 0)
    return g_strdup ("");
  if (strchr (".!?;:", trimmed[length - 1]) != NULL)
    return g_steal_pointer (&trimmed);
  return g_strconcat (trimmed, ".", NULL);
}

static const char *
session_phrase (const DtSession *session)
{
  if (g_strcmp0 (session->kind, "contact") == 0)
    return "buổi tiếp xúc trực tiếp giữa người đứng đầu cấp ủy Đảng, chính quyền với Nhân dân";
  if (g_strcmp0 (session->kind, "reception") == 0)
    return "buổi tiếp công dân của người đứng đầu cấp ủy Đảng, chính quyền";
  return "Hội nghị đối thoại trực tiếp giữa người đứng đầu cấp ủy Đảng, chính quyền với Nhân dân";
}

static const char *
session_short (const DtSession *session)
{
  if (g_strcmp0 (session->kind, "contact") == 0)
    return "buổi tiếp xúc trực tiếp với Nhân dân";
  if (g_strcmp0 (session->kind, "reception") == 0)
    return "buổi tiếp công dân";
  return "Hội nghị đối thoại trực tiếp với Nhân dân";
}

static const char *
session_noun (const DtSession *session)
{
  if (g_strcmp0 (session->kind, "contact") == 0)
    return "buổi tiếp xúc";
  if (g_strcmp0 (session->kind, "reception") == 0)
    return "buổi tiếp công dân";
  return "Hội nghị";
}

/* "8 giờ, thứ Ba, ngày 15 tháng 4 năm 2025" */
static char *
when_words (const char *time,
            const char *iso)
{
  g_autofree char *hour = time_words (time);
  g_autofree char *day = date_words (iso);
  GDate date;

  if (!dt_date_parse (iso, &date))
    return g_strdup ("");
  if (hour != NULL)
    return g_strdup_printf ("%s, %s, %s", hour, weekday_name (&date), day);
  return g_strdup_printf ("%s, %s", weekday_name (&date), day);
}

/* Confidential petitioners are never named in a document. */
static const char *
petitioner_shown (const DtPetition *petition)
{
  if (petition->confidential)
    return MASK;
  return petition->petitioner != NULL ? petition->petitioner : NO_NAME;
}

static char *
petitioner_with_place (const DtPetition *petition)
{
  const char *place = petition->address != NULL ? petition->address : petition->village;

  if (petition->confidential || place == NULL)
    return g_strdup (petitioner_shown (petition));
  return g_strdup_printf ("%s, %s", petitioner_shown (petition), place);
}

/* The petition's words (masked by mask_confidential () when they must be). */
static char *
petition_words (const DtPetition *petition,
                gboolean          full)
{
  const char *text = full && petition->content != NULL ? petition->content : petition->summary;

  if (text == NULL)
    text = petition->content != NULL ? petition->content : "";
  return g_strdup (text);
}

static void
mask_in_place (char               **text,
               const char * const  *secrets)
{
  char *masked;

  if (*text == NULL)
    return;
  masked = dt_text_mask (*text, secrets, MASK);
  g_free (*text);
  *text = masked;
}

/* A confidential petitioner is named nowhere in a document: not in her petition's texts, not
 * in the minutes of the session where she spoke, whatever case or marks they were typed in.
 * Her name and address themselves are left to petitioner_shown (). */
static gboolean
mask_confidential (Job     *job,
                   GError **error)
{
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) session_secrets = NULL;

  for (guint i = 0; job->petitions != NULL && i < job->petitions->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (job->petitions, i);
      g_auto(GStrv) secrets = NULL;
      char **texts[] = { &petition->summary, &petition->content, &petition->answer,
                         &petition->result, &petition->declined_reason };

      if (!petition->confidential)
        continue;
      secrets = dt_text_person_secrets (petition->petitioner, petition->address);
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        mask_in_place (texts[t], (const char * const *) secrets);
      for (guint e = 0; e < petition->events->len; e++)
        mask_in_place (&((DtPetitionEvent *) g_ptr_array_index (petition->events, e))->text,
                       (const char * const *) secrets);
    }

  if (job->session == NULL)
    return TRUE;
  /* Every confidential petitioner of the session, whether this document lists her or not. */
  {
    sqlite3_stmt *stmt;
    int rc;

    stmt = _dt_database_prepare (job->db, "SELECT p.petitioner, p.address FROM petitions p "
                                          "JOIN sessions s ON s.id = p.session_id "
                                          "WHERE s.code = ? AND p.confidential = 1", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, job->session->code, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_auto(GStrv) secrets =
          dt_text_person_secrets ((const char *) sqlite3_column_text (stmt, 0),
                                  (const char *) sqlite3_column_text (stmt, 1));

        g_strv_builder_addv (all, (const char **) secrets);
      }
    sqlite3_reset (stmt);
    if (rc != SQLITE_DONE)
      return _dt_database_fail (job->db, rc, error);
  }
  session_secrets = g_strv_builder_end (all);
  if (session_secrets[0] == NULL)
    return TRUE;
  mask_in_place (&job->session->topic, (const char * const *) session_secrets);
  mask_in_place (&job->session->composition, (const char * const *) session_secrets);
  mask_in_place (&job->session->proceedings, (const char * const *) session_secrets);
  mask_in_place (&job->session->minutes_conclusion, (const char * const *) session_secrets);
  return TRUE;
}

static void
petition_state (Job              *job,
                const DtPetition *petition,
                const GDate      *as_of,
                DtPetitionState  *state)
{
  dt_petition_get_state (petition, as_of, job->calendar, job->unit->answer_working_days,
                         state);
}

static char *
deadline_text (const DtPetitionState *state)
{
  return state->has_deadline ? date_short_g (&state->deadline) : g_strdup ("");
}

G_GNUC_PRINTF (3, 4)
static void
add_lead (DtDocument *document,
          const char *lead,
          const char *format,
          ...)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  markup = g_markup_printf_escaped ("<b>%s</b> %s", lead, text);
  dt_document_add_markup (document, DT_TEXT_BODY, markup);
}

static void
set_missing (GError    **error,
             const char *record,
             const char *field,
             const char *message)
{
  GError *missing = g_error_new_literal (DT_ERROR, DT_ERROR_INVALID, message);

  dt_error_set_field (missing, record, field, NULL);
  g_propagate_error (error, missing);
}

/* Loading */

static GPtrArray *
load_petitions_by_ids (DtDatabase  *db,
                       GArray      *ids,
                       GError     **error)
{
  g_autoptr(GPtrArray) petitions = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                   dt_petition_free);

  for (guint i = 0; i < ids->len; i++)
    {
      DtPetition *petition = dt_petition_load_by_id (db, g_array_index (ids, gint64, i), error);

      if (petition == NULL)
        return NULL;
      g_ptr_array_add (petitions, petition);
    }
  return g_steal_pointer (&petitions);
}

static GPtrArray *
session_petitions (DtDatabase  *db,
                   const char  *code,
                   GError     **error)
{
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) ids = NULL;

  filter->session = g_strdup (code);
  if (!(ids = dt_petition_query_ids (db, filter, DT_PETITION_ORDER_CODE, error)))
    return NULL;
  return load_petitions_by_ids (db, ids, error);
}

/* What an agency still owes as of AS_OF: longest overdue first, then by deadline. */
static GPtrArray *
agency_petitions (DtDatabase   *db,
                  const char   *agency,
                  const GDate  *as_of,
                  GError      **error)
{
  g_autoptr(DtPetitionFilter) filter = dt_petition_filter_new ();
  g_autoptr(GArray) ids = NULL;

  filter->agency = g_strdup (agency);
  filter->statuses = 1u << DT_STATUS_ASSIGNED;
  filter->duplicates = 0;
  filter->as_of = *as_of;
  if (!(ids = dt_petition_query_ids (db, filter, DT_PETITION_ORDER_DAYS_OVERDUE, error)))
    return NULL;
  return load_petitions_by_ids (db, ids, error);
}

static gboolean
parse_request_date (const char  *iso,
                    const char  *field,
                    GDate       *date,
                    GError     **error)
{
  if (!dt_date_parse (iso, date))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a real date written YYYY-MM-DD between %d and %d."),
                         iso, DT_YEAR_MIN, DT_YEAR_MAX);
      set_missing (error, "document", field, message);
      return FALSE;
    }
  return TRUE;
}

/* The number on the events of every petition of the job, with TYPE ("pc") and, when
 * PREFIX is set, a text that starts with it; DATE, when set, must match too. */
static gboolean
find_event_number (Job         *job,
                   const char  *type,
                   const char  *prefix,
                   const char  *date,
                   char       **number,
                   char       **number_date)
{
  DtPetition *first;

  if (job->petitions->len == 0)
    return FALSE;
  first = g_ptr_array_index (job->petitions, 0);
  for (guint e = first->events->len; e-- > 0;)
    {
      DtPetitionEvent *event = g_ptr_array_index (first->events, e);
      g_autofree char *event_type = NULL;
      g_autofree char *key = NULL;
      guint64 serial;
      gboolean everywhere = TRUE;

      if (event->number == NULL || !parse_number (event->number, &serial, &event_type) ||
          !g_str_equal (event_type, type) ||
          (prefix != NULL && (event->text == NULL || !g_str_has_prefix (event->text, prefix))) ||
          (date != NULL && g_strcmp0 (event->date, date) != 0))
        continue;
      key = number_key (event->number);
      for (guint p = 1; p < job->petitions->len && everywhere; p++)
        {
          DtPetition *other = g_ptr_array_index (job->petitions, p);
          gboolean found = FALSE;

          for (guint o = 0; o < other->events->len && !found; o++)
            {
              DtPetitionEvent *other_event = g_ptr_array_index (other->events, o);
              g_autofree char *other_key = NULL;

              if (other_event->number == NULL)
                continue;
              other_key = number_key (other_event->number);
              found = g_str_equal (key, other_key);
            }
          everywhere = found;
        }
      if (everywhere)
        {
          *number = g_strdup (event->number);
          *number_date = g_strdup (event->date);
          return TRUE;
        }
    }
  return FALSE;
}

static const char reminder_prefix[] = "Công văn đôn đốc";
static const char transfer_prefix[] = "Phiếu chuyển";

/* The records of the request, its date, number and as-of date. */
static gboolean
job_load (Job                     *job,
          DtDatabase              *db,
          const DtDocumentRequest *request,
          GError                 **error)
{
  DtDocumentKind kind = request->kind;
  g_autofree char *stored_number = NULL;
  g_autofree char *stored_date = NULL;

  job->db = db;
  job->request = request;
  if (!(job->unit = dt_unit_load (db, error)) || !(job->calendar = dt_work_calendar_new (db, error)))
    return FALSE;
  if (job->unit->name == NULL)
    {
      set_missing (error, "unit", "name",
                   _("The unit settings have no issuing body: a document needs its name "
                     "(unit settings, “Issuing body”)."));
      return FALSE;
    }
  if (request->date != NULL && !parse_request_date (request->date, "date", &job->day, error))
    return FALSE;
  if (request->as_of != NULL && !parse_request_date (request->as_of, "as_of", &job->as_of, error))
    return FALSE;

  switch (kind)
    {
    case DT_DOCUMENT_NOTICE:
    case DT_DOCUMENT_MINUTES:
    case DT_DOCUMENT_CONCLUSION:
      if (request->session == NULL)
        {
          set_missing (error, "document", "session", _("Say which session the document is for."));
          return FALSE;
        }
      if (!(job->session = dt_session_load (db, request->session, error)))
        return FALSE;
      if (job->session->plan != NULL && !(job->plan = dt_plan_load (db, job->session->plan, error)))
        return FALSE;
      if (kind == DT_DOCUMENT_NOTICE)
        {
          stored_number = g_strdup (job->session->notice_number);
          stored_date = g_strdup (job->session->notice_date);
        }
      else if (kind == DT_DOCUMENT_CONCLUSION)
        {
          stored_number = g_strdup (job->session->conclusion_number);
          stored_date = g_strdup (job->session->conclusion_date);
        }
      else
        stored_date = g_strdup (job->session->date);
      if (!(job->petitions = session_petitions (db, request->session, error)))
        return FALSE;
      break;

    case DT_DOCUMENT_TRANSFER:
      if (request->petitions == NULL || request->petitions[0] == NULL)
        {
          set_missing (error, "document", "petitions",
                       _("Say which petitions the transfer slip is for."));
          return FALSE;
        }
      job->petitions = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_petition_free);
      for (guint i = 0; request->petitions[i] != NULL; i++)
        {
          DtPetition *petition = dt_petition_load (db, request->petitions[i], error);

          if (petition == NULL)
            return FALSE;
          g_ptr_array_add (job->petitions, petition);
        }
      find_event_number (job, "pc", NULL, NULL, &stored_number, &stored_date);
      break;

    case DT_DOCUMENT_REMINDER:
      if (request->agency == NULL)
        {
          set_missing (error, "document", "agency", _("Say which agency the letter is for."));
          return FALSE;
        }
      job->agency = request->agency;
      break;

    case DT_DOCUMENT_PLAN:
      if (request->plan == NULL)
        {
          set_missing (error, "document", "plan", _("Say which plan to print."));
          return FALSE;
        }
      if (!(job->plan = dt_plan_load (db, request->plan, error)))
        return FALSE;
      stored_number = g_strdup (job->plan->number);
      stored_date = g_strdup (job->plan->issued);
      break;

    case DT_N_DOCUMENT_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }

  /* The date: the request's, else the record's, else today. */
  if (request->date != NULL)
    job->date = g_strdup (request->date);
  else if (stored_date != NULL && dt_date_is_valid (stored_date))
    job->date = g_strdup (stored_date);
  else
    job->date = dt_today_iso ();
  dt_date_parse (job->date, &job->day);
  if (!g_date_valid (&job->as_of))
    job->as_of = job->day;

  if (kind == DT_DOCUMENT_REMINDER)
    {
      if (!(job->petitions = agency_petitions (db, job->agency, &job->as_of, error)))
        return FALSE;
      find_event_number (job, "cv", reminder_prefix, job->date, &stored_number, &stored_date);
    }

  if (kinds[kind].symbol == NULL)
    return TRUE;
  if (request->number != NULL)
    job->number = g_strdup (request->number);
  else if (stored_number != NULL)
    job->number = g_strdup (stored_number);
  else if (!(job->number = next_number (db, job->unit, kind, g_date_get_year (&job->day), error)))
    return FALSE;
  if (stored_number != NULL)
    {
      g_autofree char *a = number_key (stored_number);
      g_autofree char *b = number_key (job->number);
      job->recorded = g_str_equal (a, b) && g_strcmp0 (stored_date, job->date) == 0;
    }
  return TRUE;
}

/* The documents */

static DtDocument *
begin_document (Job        *job,
                const char *title,
                const char *summary,
                const char *subject)
{
  DtDocument *document = dt_document_new ();
  const DtUnit *unit = job->unit;
  g_autofree char *date_line = dt_text_date_line (unit->place, &job->day);

  if (unit->margin_top >= 0 && unit->margin_bottom >= 0 && unit->margin_left >= 0 &&
      unit->margin_right >= 0 && unit->margin_top + unit->margin_bottom < 200 &&
      unit->margin_left + unit->margin_right < 150)
    dt_document_set_margins (document, unit->margin_top, unit->margin_bottom,
                             unit->margin_left, unit->margin_right);
  dt_document_set_heading (document, unit->superior, unit->name, job->number, subject,
                           date_line);
  dt_document_set_title (document, title, summary);
  return document;
}

static void
sign (Job                *job,
      DtDocument         *document,
      const char * const *recipients)
{
  dt_document_set_recipients (document, recipients);
  dt_document_add_signature (document, job->unit->signer_on_behalf, job->unit->signer_title,
                             job->unit->signer_name);
}

static void
set_name (DtDocument *document,
          const char *kind_title,
          const char *number,
          const char *what)
{
  g_autofree char *name = number != NULL
                          ? g_strdup_printf ("%s số %s — %s", kind_title, number, what)
                          : g_strdup_printf ("%s — %s", kind_title, what);

  dt_document_set_name (document, name);
}

static gboolean
check_session_for (Job        *job,
                   gboolean    must_be_held,
                   GError    **error)
{
  const DtSession *session = job->session;

  if (g_strcmp0 (session->status, "cancelled") == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("Session “%s” was cancelled: there is nothing to print for it."),
                         session->code);
      set_missing (error, "session", "status", message);
      return FALSE;
    }
  if (must_be_held && g_strcmp0 (session->status, "held") != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("Session “%s” has not been held yet (its status): minutes and "
                           "conclusions come after the session."), session->code);
      set_missing (error, "session", "status", message);
      return FALSE;
    }
  if (session->location == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Session “%s” has no place: the document needs it (place)."),
                         session->code);
      set_missing (error, "session", "location", message);
      return FALSE;
    }
  return TRUE;
}

static DtDocument *
build_notice (Job     *job,
              GError **error)
{
  const DtSession *session = job->session;
  g_autoptr(DtDocument) document = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *when = NULL;
  g_autofree char *lunar = NULL;
  g_autofree char *place = NULL;
  g_autofree char *advance = NULL;
  const char *invited_village;
  GDate date;
  GDate send_by;
  int item = 0;
  static const char * const recipients[] = {
    "- Thường trực Đảng ủy,",
    "- Thường trực HĐND, lãnh đạo UBND xã,",
    "- UBMTTQ và các tổ chức chính trị - xã hội xã,",
    "- Các chi bộ, Ban công tác Mặt trận các thôn,",
    "- Đài truyền thanh xã,",
    "- Lưu Văn phòng Đảng ủy.",
    NULL
  };

  if (!check_session_for (job, FALSE, error))
    return NULL;
  if (session->time == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Session “%s” has no time: a notice needs the hour of the session "
                           "(time)."), session->code);
      set_missing (error, "session", "time", message);
      return NULL;
    }
  dt_date_parse (session->date, &date);
  if (g_date_compare (&job->day, &date) > 0)
    {
      g_autofree char *day = date_short (session->date);
      g_autofree char *message =
        g_strdup_printf (_("Session “%s” is on %s: a notice dated after it makes no sense. "
                           "Give the date of the notice."), session->code, day);
      set_missing (error, "session", "notice_date", message);
      return NULL;
    }

  summary = g_strdup_printf ("Về việc tổ chức %s", session_phrase (session));
  document = begin_document (job, "THÔNG BÁO", summary, NULL);
  set_name (document, "Thông báo", job->number, session->code);

  if (job->plan != NULL && job->plan->number != NULL && job->plan->issued != NULL)
    {
      g_autofree char *issued = date_short (job->plan->issued);
      dt_document_add_printf (document, DT_TEXT_BODY,
                              "Thực hiện Kế hoạch số %s ngày %s của %s, %s thông báo tổ chức %s "
                              "như sau:", job->plan->number, issued, BODY, BODY,
                              session_phrase (session));
    }
  else
    dt_document_add_printf (document, DT_TEXT_BODY, "%s thông báo tổ chức %s như sau:", BODY,
                            session_phrase (session));

  when = when_words (session->time, session->date);
  lunar = lunar_words (&date);
  {
    g_autofree char *lead = g_strdup_printf ("%d. Thời gian:", ++item);
    if (lunar != NULL)
      add_lead (document, lead, "Vào lúc %s (tức %s âm lịch).", when, lunar);
    else
      add_lead (document, lead, "Vào lúc %s.", when);
  }

  if (session->village != NULL && strstr (session->location, session->village) == NULL)
    place = g_strdup_printf ("%s, %s", session->location, session->village);
  else
    place = g_strdup (session->location);
  {
    g_autofree char *lead = g_strdup_printf ("%d. Địa điểm:", ++item);
    g_autofree char *text = sentence (place);
    add_lead (document, lead, "%s", text);
  }

  {
    g_autofree char *lead = g_strdup_printf ("%d. Nội dung:", ++item);
    g_autofree char *topic = session->topic != NULL ? sentence (session->topic) : NULL;

    if (topic != NULL)
      add_lead (document, lead, "%s", topic);
    else if (g_strcmp0 (session->kind, "reception") == 0)
      add_lead (document, lead, "Tiếp công dân, lắng nghe và giải quyết các phản ánh, kiến nghị "
                "của Nhân dân.");
    else
      add_lead (document, lead, "Lắng nghe, đối thoại, trả lời trực tiếp các ý kiến, kiến nghị "
                "của Nhân dân về những vấn đề Nhân dân quan tâm trên địa bàn xã.");
  }

  if (session->chair != NULL)
    {
      g_autofree char *lead = g_strdup_printf ("%d. Chủ trì:", ++item);
      add_lead (document, lead, "Đồng chí %s.", session->chair);
    }

  invited_village = session->village != NULL ? session->village : "các thôn";
  {
    g_autofree char *lead = g_strdup_printf ("%d. Thành phần mời:", ++item);
    g_autofree char *village = lower_first (invited_village);
    add_lead (document, lead, "Thường trực Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban "
              "Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội; Bí thư chi bộ, "
              "Trưởng thôn và Trưởng ban công tác Mặt trận %s; cán bộ, đảng viên và Nhân dân có nhu cầu %s.", village,
              g_strcmp0 (session->kind, "reception") == 0 ? "phản ánh, kiến nghị"
                                                          : "đối thoại");
  }

  /* Opinions sent in advance: up to two days before, and never before the notice itself. */
  send_by = date;
  g_date_subtract_days (&send_by, 2);
  if (g_date_compare (&send_by, &job->day) < 0)
    send_by = job->day;
  advance = dt_text_date_words (&send_by);
  {
    g_autofree char *lead = g_strdup_printf ("%d. Gửi ý kiến trước:", ++item);
    add_lead (document, lead, "Ý kiến, kiến nghị có thể gửi trước bằng văn bản về Văn phòng "
              "Đảng ủy, hoặc qua Ủy ban Mặt trận Tổ quốc Việt Nam xã, các tổ chức chính trị - xã "
              "hội và Ban công tác Mặt trận thôn, chậm nhất %s.", advance);
  }

  dt_document_add_printf (document, DT_TEXT_BODY,
                          "Đề nghị Đài truyền thanh xã thông báo rộng rãi trên hệ thống loa "
                          "truyền thanh của xã, thôn; các tổ chức, đoàn thể vận động cán bộ, đảng "
                          "viên và Nhân dân tham dự đông đủ, đúng giờ./.");
  sign (job, document, recipients);
  return g_steal_pointer (&document);
}

/* What was said about a petition at the session, for the minutes. */
static char *
petition_outcome (const DtSession  *session,
                  const DtPetition *petition)
{
  if (petition->answer != NULL)
    return g_strdup_printf ("Trả lời tại %s: %s", session_noun (session), petition->answer);
  if (petition->declined_reason != NULL)
    return g_strdup_printf ("Ý kiến của chủ trì: %s", petition->declined_reason);
  if (petition->escalated_to != NULL)
    return g_strdup_printf ("Tiếp thu, tổng hợp báo cáo, đề nghị %s xem xét, giải quyết.",
                            petition->escalated_to);
  if (petition->assigned_to != NULL)
    return g_strdup_printf ("Tiếp thu, giao %s xem xét, giải quyết và trả lời bằng văn bản.",
                            petition->assigned_to);
  return g_strdup ("Tiếp thu, tổng hợp để xem xét, giải quyết theo quy định.");
}

static DtDocument *
build_minutes (Job     *job,
               GError **error)
{
  const DtSession *session = job->session;
  g_autoptr(DtDocument) document = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *when = NULL;
  guint n = 0;

  if (!check_session_for (job, TRUE, error))
    return NULL;

  summary = upper_first (session_phrase (session));
  document = begin_document (job, "BIÊN BẢN", summary, NULL);
  set_name (document, "Biên bản", NULL, session->code);

  when = when_words (session->minutes_start != NULL ? session->minutes_start : session->time,
                     session->date);
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "Hôm nay, vào lúc %s, tại %s, %s tổ chức %s%s%s.", when,
                          session->location, BODY, session_phrase (session),
                          session->topic != NULL ? ", chủ đề: " : "",
                          session->topic != NULL ? session->topic : "");

  dt_document_add_text (document, DT_TEXT_HEADING, "I. THÀNH PHẦN THAM DỰ");
  if (session->composition != NULL)
    dt_document_add_text (document, DT_TEXT_BODY, session->composition);
  if (session->attendance != DT_NO_INT)
    dt_document_add_printf (document, DT_TEXT_BODY, "Tổng số người tham dự: %d người.",
                            session->attendance);
  if (session->chair != NULL)
    add_lead (document, "- Chủ trì:", "đồng chí %s.", session->chair);
  if (session->secretary != NULL)
    add_lead (document, "- Thư ký:", "đồng chí %s.", session->secretary);

  if (session->proceedings != NULL)
    {
      dt_document_add_text (document, DT_TEXT_HEADING, "II. DIỄN BIẾN HỘI NGHỊ");
      dt_document_add_text (document, DT_TEXT_BODY, session->proceedings);
    }

  dt_document_add_text (document, DT_TEXT_HEADING,
                        session->proceedings != NULL
                        ? "III. Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI TẠI HỘI NGHỊ"
                        : "II. Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI TẠI HỘI NGHỊ");
  if (job->petitions->len == 0)
    dt_document_add_text (document, DT_TEXT_BODY,
                          "Không có ý kiến, kiến nghị nào được nêu tại Hội nghị.");
  else
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Có %02u ý kiến, kiến nghị của cán bộ, đảng viên và Nhân dân, cụ "
                            "thể như sau:", job->petitions->len);
  for (guint i = 0; i < job->petitions->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (job->petitions, i);
      g_autofree char *who = petitioner_with_place (petition);
      g_autofree char *words = petition_words (petition, TRUE);
      g_autofree char *text = sentence (words);
      g_autofree char *outcome = petition_outcome (session, petition);
      g_autofree char *lead = NULL;
      g_autofree char *channel = NULL;

      if (g_strcmp0 (petition->channel, "session") != 0)
        {
          const char *label = dt_choice_label_vi (DT_RECORD_PETITION, "channel",
                                                  petition->channel);
          g_autofree char *lower = lower_first (label);
          channel = g_strdup_printf (" (gửi trước, %s)", lower);
        }
      lead = g_strdup_printf ("%u. Ông (bà) %s%s:", ++n, who, channel != NULL ? channel : "");
      add_lead (document, lead, "%s", text);
      {
        g_autofree char *said = sentence (outcome);
        dt_document_add_text (document, DT_TEXT_NOTE, said);
      }
    }

  if (session->minutes_conclusion != NULL)
    {
      dt_document_add_text (document, DT_TEXT_HEADING,
                            session->proceedings != NULL ? "IV. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"
                                                         : "III. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ");
      dt_document_add_text (document, DT_TEXT_BODY, session->minutes_conclusion);
    }

  {
    g_autofree char *end = time_words (session->minutes_end);
    g_autofree char *noun = upper_first (session_noun (session));
    if (end != NULL)
      dt_document_add_printf (document, DT_TEXT_BODY,
                              "%s kết thúc vào lúc %s cùng ngày. Biên bản đã được thông qua "
                              "trước %s và thống nhất với nội dung trên./.", noun, end,
                              session_noun (session));
    else
      dt_document_add_printf (document, DT_TEXT_BODY,
                              "Biên bản đã được thông qua trước %s và thống nhất với nội dung "
                              "trên./.", session_noun (session));
  }

  {
    g_autofree char *secretary = name_only (session->secretary);
    g_autofree char *chair = name_only (session->chair);
    g_autofree char *chair_title = g_utf8_strup (session_noun (session), -1);
    g_autofree char *chair_line = g_strdup_printf ("CHỦ TRÌ %s", chair_title);

    dt_document_add_signature (document, NULL, "THƯ KÝ", secretary);
    dt_document_add_signature (document, NULL, chair_line, chair);
  }
  return g_steal_pointer (&document);
}

static DtDocument *
build_conclusion (Job     *job,
                  GError **error)
{
  const DtSession *session = job->session;
  g_autoptr(DtDocument) document = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *held = NULL;
  g_autoptr(GPtrArray) assigned = g_ptr_array_new ();
  guint answered = 0;
  guint declined = 0;
  guint remaining = 0;
  guint total = 0;
  GDate date;
  const char *noun = session_noun (session);
  static const char * const recipients[] = {
    "- Thường trực Đảng ủy,",
    "- Thường trực HĐND, lãnh đạo UBND xã,",
    "- UBMTTQ và các tổ chức chính trị - xã hội xã,",
    "- Các cơ quan, đơn vị được giao,",
    "- Các chi bộ, thôn (để niêm yết),",
    "- Lưu Văn phòng Đảng ủy.",
    NULL
  };

  if (!check_session_for (job, TRUE, error))
    return NULL;
  dt_date_parse (session->date, &date);
  if (g_date_compare (&job->day, &date) < 0)
    {
      g_autofree char *day = date_short (session->date);
      g_autofree char *message =
        g_strdup_printf (_("Session “%s” was held on %s: its conclusion notice cannot be dated "
                           "before it."), session->code, day);
      set_missing (error, "session", "conclusion_date", message);
      return NULL;
    }

  for (guint i = 0; i < job->petitions->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (job->petitions, i);

      if (petition->duplicate_of != NULL)
        continue;
      total++;
      if (petition->assigned_to != NULL || petition->escalated_to != NULL)
        g_ptr_array_add (assigned, petition);
      else if (petition->answered_date != NULL)
        answered++;
      else if (petition->declined_date != NULL)
        declined++;
      else if (petition->declined_date == NULL && petition->withdrawn_date == NULL &&
               petition->resolved_date == NULL)
        remaining++;
    }

  held = date_short (session->date);
  summary = g_strdup_printf ("Kết luận của %s tại %s ngày %s",
                             session->chair != NULL ? "đồng chí chủ trì" : "người chủ trì",
                             session_short (session), held);
  document = begin_document (job, "THÔNG BÁO", summary, NULL);
  set_name (document, "Thông báo kết luận", job->number, session->code);

  {
    g_autofree char *chair = session->chair != NULL
                             ? g_strdup_printf (" do đồng chí %s chủ trì", session->chair)
                             : g_strdup ("");
    g_autofree char *attendance = session->attendance != DT_NO_INT
                                  ? g_strdup_printf (", có %d người tham dự", session->attendance)
                                  : g_strdup ("");
    g_autofree char *answered_text = answered > 0
                                     ? g_strdup_printf ("; trong đó %02u ý kiến đã được trả lời, "
                                                        "giải thích trực tiếp tại %s", answered,
                                                        noun)
                                     : g_strdup ("");

    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Ngày %s, tại %s, %s tổ chức %s%s%s. Tại %s, cán bộ, đảng viên và "
                            "Nhân dân đã nêu %02u ý kiến, kiến nghị%s.", held, session->location,
                            BODY, session_phrase (session), chair, attendance, noun, total,
                            answered_text);
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Sau khi nghe ý kiến của Nhân dân và các cơ quan, đơn vị liên quan, "
                            "%s kết luận như sau:",
                            session->chair != NULL ? "đồng chí chủ trì" : "người chủ trì");
  }

  if (session->minutes_conclusion != NULL)
    {
      dt_document_add_text (document, DT_TEXT_HEADING, "1. Về những nội dung chung");
      dt_document_add_text (document, DT_TEXT_BODY, session->minutes_conclusion);
    }

  dt_document_add_printf (document, DT_TEXT_HEADING, "%d. Về giải quyết ý kiến, kiến nghị của "
                          "Nhân dân", session->minutes_conclusion != NULL ? 2 : 1);
  if (assigned->len > 0)
    {
      static const double widths[] = { 0.07, 0.20, 0.40, 0.18, 0.15 };
      static const PangoAlignment aligns[] = {
        PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT,
        PANGO_ALIGN_CENTER,
      };
      static const char * const header[] = {
        "STT", "Người kiến nghị", "Nội dung ý kiến, kiến nghị", "Cơ quan giải quyết",
        "Thời hạn trả lời",
      };
      DtDocumentTable *table;

      dt_document_add_printf (document, DT_TEXT_BODY,
                              "Giao các cơ quan, đơn vị có tên dưới đây xem xét, giải quyết các "
                              "ý kiến, kiến nghị chưa được giải quyết tại %s; trả lời bằng văn "
                              "bản cho người có ý kiến, kiến nghị trong thời hạn ghi tại bảng "
                              "(chậm nhất %d ngày làm việc kể từ ngày giao), đồng thời báo cáo "
                              "kết quả về %s (qua Văn phòng Đảng ủy):", noun,
                              job->unit->answer_working_days, BODY);
      table = dt_document_add_table (document, G_N_ELEMENTS (widths), widths, aligns);
      dt_document_table_add_row (table, header);
      for (guint i = 0; i < assigned->len; i++)
        {
          DtPetition *petition = g_ptr_array_index (assigned, i);
          DtPetitionState state;
          g_autofree char *row_number = g_strdup_printf ("%u", i + 1);
          g_autofree char *who = petitioner_with_place (petition);
          g_autofree char *words = petition_words (petition, FALSE);
          g_autofree char *agency = NULL;
          g_autofree char *deadline = NULL;

          if (petition->escalated_to != NULL)
            {
              agency = g_strdup_printf ("Đề nghị %s", petition->escalated_to);
              deadline = g_strdup ("Theo quy định");
            }
          else
            {
              petition_state (job, petition, &job->day, &state);
              agency = g_strdup (petition->assigned_to);
              deadline = deadline_text (&state);
            }
          {
            const char *cells[] = { row_number, who, words, agency, deadline };
            dt_document_table_add_row (table, cells);
          }
        }
    }
  else
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Các ý kiến, kiến nghị của Nhân dân tại %s đã được trả lời, giải "
                            "thích trực tiếp; không có nội dung phải giao giải quyết.", noun);
  if (declined > 0)
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Đối với %02u ý kiến không thuộc phạm vi đối thoại (ý kiến riêng lẻ "
                            "của cá nhân), đã hướng dẫn người có ý kiến liên hệ cơ quan có thẩm "
                            "quyền theo quy định về tiếp công dân.", declined);
  if (remaining > 0)
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Đối với %02u ý kiến, kiến nghị còn lại, Văn phòng Đảng ủy tiếp tục "
                            "tổng hợp, tham mưu Thường trực Đảng ủy phân công giải quyết.",
                            remaining);

  dt_document_add_printf (document, DT_TEXT_HEADING, "%d. Tổ chức thực hiện",
                          session->minutes_conclusion != NULL ? 3 : 2);
  dt_document_add_text (document, DT_TEXT_BODY,
                        "Văn phòng Đảng ủy theo dõi, đôn đốc việc giải quyết; tổng hợp kết quả "
                        "báo cáo Thường trực Đảng ủy. Thông báo này được niêm yết công khai tại "
                        "trụ sở Đảng ủy, nhà văn hóa các thôn và thông báo trên hệ thống truyền "
                        "thanh xã.");
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "%s thông báo để các tổ chức, cơ quan, đơn vị và Nhân dân biết, thực "
                          "hiện./.", BODY);
  sign (job, document, recipients);
  return g_steal_pointer (&document);
}

static DtDocument *
build_transfer (Job     *job,
                GError **error)
{
  g_autoptr(DtDocument) document = NULL;
  const char *agency = NULL;
  const char *session = NULL;
  gboolean same_session = TRUE;
  gboolean masked = FALSE;
  DtDocumentTable *table;
  static const double widths[] = { 0.07, 0.14, 0.22, 0.39, 0.18 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT,
    PANGO_ALIGN_CENTER,
  };
  static const char * const header[] = {
    "STT", "Mã số", "Người kiến nghị, địa chỉ", "Nội dung ý kiến, kiến nghị", "Hạn trả lời",
  };
  static const char * const recipients[] = {
    "- Như trên,",
    "- Thường trực Đảng ủy (để b/c),",
    "- Lưu Văn phòng Đảng ủy.",
    NULL
  };

  for (guint i = 0; i < job->petitions->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (job->petitions, i);
      DtPetitionState state;

      petition_state (job, petition, &job->day, &state);
      if (petition->assigned_to == NULL || state.status != DT_STATUS_ASSIGNED)
        {
          g_autofree char *message = NULL;

          if (petition->assigned_to == NULL)
            message = g_strdup_printf (_("Petition “%s” is not assigned to an agency (assigned "
                                         "to): assign it before transferring it."),
                                       petition->code);
          else
            message = g_strdup_printf (_("Petition “%s” is no longer being handled as of that "
                                         "day (%s): there is nothing to transfer."),
                                       petition->code, dt_status_label (state.status));
          set_missing (error, "petition", "assigned_to", message);
          return NULL;
        }
      if (agency == NULL)
        agency = petition->assigned_to;
      else if (g_strcmp0 (agency, petition->assigned_to) != 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("Petition “%s” is assigned to %s, not to %s: a transfer slip goes "
                               "to one agency."), petition->code, petition->assigned_to, agency);
          set_missing (error, "petition", "assigned_to", message);
          return NULL;
        }
      if (i == 0)
        session = petition->session;
      else if (g_strcmp0 (session, petition->session) != 0)
        same_session = FALSE;
    }

  document = begin_document (job, "PHIẾU CHUYỂN", "Ý kiến, kiến nghị của Nhân dân", NULL);
  set_name (document, "Phiếu chuyển", job->number, agency);
  dt_document_add_printf (document, DT_TEXT_CENTERED, "Kính gửi: %s", agency);

  {
    g_autofree char *reference = NULL;

    if (same_session && session != NULL)
      {
        g_autoptr(DtSession) origin = dt_session_load (job->db, session, NULL);

        if (origin != NULL && origin->conclusion_number != NULL &&
            origin->conclusion_date != NULL)
          {
            g_autofree char *day = date_short (origin->conclusion_date);
            reference = g_strdup_printf (", theo Thông báo kết luận số %s ngày %s của %s",
                                         origin->conclusion_number, day, BODY);
          }
      }
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Văn phòng Đảng ủy chuyển đến %s %02u ý kiến, kiến nghị của Nhân dân "
                            "dưới đây%s, để xem xét, giải quyết theo thẩm quyền:", agency,
                            job->petitions->len, reference != NULL ? reference : "");
  }

  table = dt_document_add_table (document, G_N_ELEMENTS (widths), widths, aligns);
  dt_document_table_add_row (table, header);
  for (guint i = 0; i < job->petitions->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (job->petitions, i);
      DtPetitionState state;
      g_autofree char *row_number = g_strdup_printf ("%u", i + 1);
      g_autofree char *who = petitioner_with_place (petition);
      g_autofree char *words = petition_words (petition, TRUE);
      g_autofree char *deadline = NULL;

      masked |= petition->confidential;
      petition_state (job, petition, &job->day, &state);
      deadline = deadline_text (&state);
      {
        const char *cells[] = { row_number, petition->code, who, words, deadline };
        dt_document_table_add_row (table, cells);
      }
    }

  if (masked)
    dt_document_add_text (document, DT_TEXT_NOTE,
                          "Thông tin về người kiến nghị ghi “(bảo mật)” được giữ bí mật theo "
                          "quy định; đề nghị liên hệ trực tiếp Văn phòng Đảng ủy khi cần.");
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "Đề nghị %s xem xét, giải quyết, trả lời bằng văn bản cho người có ý "
                          "kiến, kiến nghị trong thời hạn nêu trên và gửi kết quả về Văn phòng "
                          "Đảng ủy để tổng hợp, báo cáo Thường trực Đảng ủy./.", agency);
  sign (job, document, recipients);
  return g_steal_pointer (&document);
}

static DtDocument *
build_reminder (Job     *job,
                GError **error)
{
  g_autoptr(DtDocument) document = NULL;
  g_autofree char *as_of = date_short_g (&job->as_of);
  guint overdue = 0;
  gboolean masked = FALSE;
  DtDocumentTable *table;
  int item = 0;
  static const double widths[] = { 0.07, 0.19, 0.32, 0.14, 0.14, 0.14 };
  static const PangoAlignment aligns[] = {
    PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
    PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER,
  };
  static const char * const header[] = {
    "STT", "Người kiến nghị", "Nội dung ý kiến, kiến nghị", "Ngày giao", "Hạn giải quyết",
    "Số ngày quá hạn",
  };
  static const char * const recipients[] = {
    "- Như trên,",
    "- Thường trực Đảng ủy (để b/c),",
    "- Lưu Văn phòng Đảng ủy.",
    NULL
  };

  if (job->petitions->len == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s has nothing left to answer as of %s: there is nothing to remind "
                           "it of."), job->agency, as_of);
      set_missing (error, "document", "agency", message);
      return NULL;
    }
  for (guint i = 0; i < job->petitions->len; i++)
    {
      DtPetitionState state;

      petition_state (job, g_ptr_array_index (job->petitions, i), &job->as_of, &state);
      overdue += state.overdue ? 1 : 0;
    }

  document = begin_document (job, NULL, NULL,
                             "V/v đôn đốc giải quyết ý kiến, kiến nghị của Nhân dân");
  set_name (document, "Công văn đôn đốc", job->number, job->agency);
  dt_document_add_printf (document, DT_TEXT_CENTERED, "Kính gửi: %s", job->agency);

  {
    g_autofree char *overdue_text = overdue > 0
                                    ? g_strdup_printf ("trong đó có %02u ý kiến, kiến nghị đã quá "
                                                       "thời hạn giải quyết", overdue)
                                    : g_strdup ("chưa có ý kiến, kiến nghị nào quá thời hạn");
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Thực hiện Quy chế tiếp xúc, đối thoại trực tiếp của người đứng đầu "
                            "cấp ủy, chính quyền với Nhân dân, qua theo dõi của Văn phòng Đảng "
                            "ủy, tính đến ngày %s, %s còn %02u ý kiến, kiến nghị của Nhân dân "
                            "được giao nhưng chưa giải quyết xong, %s (chi tiết tại bảng dưới "
                            "đây).", as_of, job->agency, job->petitions->len, overdue_text);
  }

  table = dt_document_add_table (document, G_N_ELEMENTS (widths), widths, aligns);
  dt_document_table_add_row (table, header);
  for (guint i = 0; i < job->petitions->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (job->petitions, i);
      DtPetitionState state;
      g_autofree char *row_number = g_strdup_printf ("%u", i + 1);
      g_autofree char *who = petitioner_with_place (petition);
      g_autofree char *words = petition_words (petition, FALSE);
      g_autofree char *assigned = date_short (petition->assigned_date);
      g_autofree char *deadline = NULL;
      g_autofree char *late = NULL;

      masked |= petition->confidential;
      petition_state (job, petition, &job->as_of, &state);
      deadline = deadline_text (&state);
      late = state.overdue ? g_strdup_printf ("%d", state.days_overdue) : g_strdup ("Trong hạn");
      {
        const char *cells[] = { row_number, who, words, assigned, deadline, late };
        dt_document_table_add_row (table, cells);
      }
    }
  if (masked)
    dt_document_add_text (document, DT_TEXT_NOTE,
                          "Thông tin về người kiến nghị ghi “(bảo mật)” được giữ bí mật theo "
                          "quy định; đề nghị liên hệ trực tiếp Văn phòng Đảng ủy khi cần.");

  dt_document_add_printf (document, DT_TEXT_BODY, "%s đề nghị %s:", BODY, job->agency);
  if (overdue > 0)
    {
      g_autofree char *lead = g_strdup_printf ("%d.", ++item);
      add_lead (document, lead, "Khẩn trương xem xét, giải quyết dứt điểm các ý kiến, kiến nghị "
                "đã quá hạn; báo cáo rõ nguyên nhân chậm giải quyết.");
    }
  {
    g_autofree char *lead = g_strdup_printf ("%d.", ++item);
    add_lead (document, lead, "Giải quyết các ý kiến, kiến nghị còn lại đúng thời hạn quy định; "
              "trả lời bằng văn bản cho người có ý kiến, kiến nghị.");
  }
  {
    g_autofree char *lead = g_strdup_printf ("%d.", ++item);
    add_lead (document, lead, "Báo cáo kết quả giải quyết về %s (qua Văn phòng Đảng ủy) để "
              "theo dõi, tổng hợp.", BODY);
  }
  dt_document_add_printf (document, DT_TEXT_BODY, "Đề nghị %s quan tâm, thực hiện./.",
                          job->agency);
  sign (job, document, recipients);
  return g_steal_pointer (&document);
}

static const char *
roman_quarter (int quarter)
{
  static const char * const numerals[] = { "I", "II", "III", "IV" };

  return quarter >= 1 && quarter <= 4 ? numerals[quarter - 1] : NULL;
}

static DtDocument *
build_plan (Job     *job,
            GError **error)
{
  const DtPlan *plan = job->plan;
  g_autoptr(DtDocument) document = NULL;
  g_autofree char *summary = NULL;
  int lead_days = plan->notice_lead_days != DT_NO_INT ? plan->notice_lead_days
                                                      : job->unit->notice_lead_days;
  static const char * const recipients[] = {
    "- Thường trực cấp ủy cấp trên (để b/c),",
    "- Thường trực Đảng ủy, HĐND, lãnh đạo UBND xã,",
    "- UBMTTQ và các đoàn thể cấp xã,",
    "- Các chi bộ trong toàn xã,",
    "- Lưu Văn phòng Đảng ủy.",
    NULL
  };

  if (plan->title != NULL)
    summary = upper_first (skip_word (plan->title, "Kế hoạch"));
  else
    summary = g_strdup_printf ("Tiếp xúc, đối thoại trực tiếp với Nhân dân năm %d", plan->year);
  document = begin_document (job, "KẾ HOẠCH", summary, NULL);
  set_name (document, "Kế hoạch", job->number, plan->code);

  if (plan->bases != NULL && plan->bases[0] != NULL)
    {
      g_autofree char *bases = g_strjoinv ("; ", plan->bases);
      dt_document_add_printf (document, DT_TEXT_BODY,
                              "Thực hiện %s, %s ban hành Kế hoạch tiếp xúc, đối thoại trực tiếp "
                              "với Nhân dân năm %d như sau:", bases, BODY, plan->year);
    }
  else
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "%s ban hành Kế hoạch tiếp xúc, đối thoại trực tiếp với Nhân dân năm "
                            "%d như sau:", BODY, plan->year);

  dt_document_add_text (document, DT_TEXT_HEADING, "I. MỤC ĐÍCH, YÊU CẦU");
  dt_document_add_text (document, DT_TEXT_HEADING, "1. Mục đích");
  dt_document_add_text (document, DT_TEXT_BODY,
                        plan->purpose != NULL
                        ? plan->purpose
                        : "Tăng cường mối quan hệ mật thiết giữa Đảng với Nhân dân, phát huy "
                          "quyền làm chủ của Nhân dân; kịp thời nắm bắt tâm tư, nguyện vọng, ý "
                          "kiến phản ánh, kiến nghị của Nhân dân để giải quyết và đề xuất bổ "
                          "sung, điều chỉnh chủ trương, chính sách cho phù hợp với thực tiễn địa "
                          "phương.");
  dt_document_add_text (document, DT_TEXT_HEADING, "2. Yêu cầu");
  dt_document_add_text (document, DT_TEXT_BODY,
                        "Việc tiếp xúc, đối thoại trực tiếp với Nhân dân phải bảo đảm sự lãnh "
                        "đạo của cấp ủy Đảng, được thực hiện nghiêm túc theo đúng Quy chế, quy "
                        "định, an toàn, tiết kiệm, tránh phô trương, hình thức; những ý kiến, "
                        "kiến nghị chính đáng của Nhân dân phải được xem xét, giải quyết kịp "
                        "thời và trả lời đúng thời hạn.");

  dt_document_add_text (document, DT_TEXT_HEADING, "II. NỘI DUNG THỰC HIỆN");
  dt_document_add_text (document, DT_TEXT_HEADING, "1. Nội dung tiếp xúc, đối thoại");
  dt_document_add_text (document, DT_TEXT_BODY,
                        "- Phổ biến các chủ trương, nghị quyết, chỉ thị của Đảng, chính sách, "
                        "pháp luật của Nhà nước và các mục tiêu, nhiệm vụ, giải pháp phát triển "
                        "kinh tế - xã hội, quốc phòng - an ninh của địa phương.\n"
                        "- Công tác lãnh đạo, chỉ đạo của cấp ủy, quản lý, điều hành của chính "
                        "quyền; thái độ, trách nhiệm của cán bộ, đảng viên, công chức; vai trò "
                        "của người đứng đầu trong thực hiện chức trách, nhiệm vụ.\n"
                        "- Trực tiếp lắng nghe tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân "
                        "dân; trả lời, chỉ đạo giải quyết hoặc tiếp thu, tổng hợp, đề xuất cấp có "
                        "thẩm quyền giải quyết theo quy định.\n"
                        "(Không đối thoại, trả lời những nội dung liên quan đến ý kiến riêng lẻ "
                        "của từng cá nhân.)");

  dt_document_add_text (document, DT_TEXT_HEADING, "2. Chủ thể, thành phần");
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "- Tổ chức tiếp xúc, đối thoại: %s.\n"
                          "- Chủ trì tiếp xúc, đối thoại: Bí thư Đảng ủy.\n"
                          "- Thành phần tham gia: các tổ chức, ban, ngành và cá nhân có liên "
                          "quan; đại diện Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính "
                          "trị - xã hội xã; cán bộ, đảng viên và Nhân dân có nhu cầu đối thoại.",
                          BODY);
  if (plan->expected_attendance != DT_NO_INT)
    dt_document_add_printf (document, DT_TEXT_BODY, "- Số lượng khoảng %d người mỗi cuộc.",
                            plan->expected_attendance);

  dt_document_add_text (document, DT_TEXT_HEADING, "3. Thời gian, địa điểm");
  if (plan->dialogues_planned != DT_NO_INT)
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "Trong năm %d, tổ chức %02d cuộc đối thoại trực tiếp với Nhân dân%s",
                            plan->year, plan->dialogues_planned,
                            plan->planned_sessions->len > 0 ? ", dự kiến như sau:" : ".");
  if (plan->planned_sessions->len > 0)
    {
      static const double widths[] = { 0.07, 0.27, 0.33, 0.33 };
      static const PangoAlignment aligns[] = {
        PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT,
      };
      static const char * const header[] = {
        "STT", "Thời gian dự kiến", "Địa điểm", "Chủ đề",
      };
      DtDocumentTable *table = dt_document_add_table (document, G_N_ELEMENTS (widths), widths,
                                                      aligns);

      dt_document_table_add_row (table, header);
      for (guint i = 0; i < plan->planned_sessions->len; i++)
        {
          DtPlannedSession *planned = g_ptr_array_index (plan->planned_sessions, i);
          g_autofree char *row_number = g_strdup_printf ("%u", i + 1);
          g_autofree char *when = NULL;
          const char *quarter = roman_quarter (planned->quarter);

          if (planned->month != DT_NO_INT && quarter != NULL)
            when = g_strdup_printf ("Quý %s (tháng %d/%d)", quarter, planned->month, plan->year);
          else if (planned->month != DT_NO_INT)
            when = g_strdup_printf ("Tháng %d/%d", planned->month, plan->year);
          else if (quarter != NULL)
            when = g_strdup_printf ("Quý %s/%d", quarter, plan->year);
          else
            when = g_strdup_printf ("Năm %d", plan->year);
          {
            const char *cells[] = { row_number, when, planned->location, planned->topic };
            dt_document_table_add_row (table, cells);
          }
        }
    }
  dt_document_add_text (document, DT_TEXT_BODY,
                        "Thời gian, địa điểm cụ thể của từng cuộc sẽ có thông báo sau.");

  dt_document_add_text (document, DT_TEXT_HEADING, "4. Thông báo và chuẩn bị");
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "Văn phòng Đảng ủy chủ trì, phối hợp với các ban, ngành, đoàn thể "
                          "chuẩn bị nội dung tiếp xúc, đối thoại; thông báo rộng rãi cho Nhân "
                          "dân biết về nội dung, thời gian, địa điểm chậm nhất %02d ngày trước "
                          "ngày tiếp xúc, đối thoại.", lead_days);

  dt_document_add_text (document, DT_TEXT_HEADING, "5. Xử lý công việc sau đối thoại");
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "- Trong thời gian %d ngày sau khi kết thúc cuộc đối thoại, Văn phòng "
                          "Đảng ủy thông báo kết luận của Bí thư Đảng ủy đến các ban, ngành, đoàn "
                          "thể và cá nhân có liên quan để xem xét, giải quyết kiến nghị của Nhân "
                          "dân (trừ những nội dung đã được giải quyết tại hội nghị).\n"
                          "- Chậm nhất %d ngày làm việc sau khi có thông báo kết luận, các cơ "
                          "quan, đơn vị được giao thông báo bằng văn bản kết quả giải quyết đến "
                          "người có ý kiến, kiến nghị; đồng thời báo cáo Bí thư Đảng ủy để theo "
                          "dõi, chỉ đạo.\n"
                          "- Những vấn đề vượt thẩm quyền được tổng hợp, báo cáo đề nghị cấp có "
                          "thẩm quyền xem xét, giải quyết và thông báo cho người có ý kiến, kiến "
                          "nghị biết về thời gian và trách nhiệm của cơ quan giải quyết.",
                          job->unit->conclusion_days, job->unit->answer_working_days);

  dt_document_add_text (document, DT_TEXT_HEADING, "III. TỔ CHỨC THỰC HIỆN");
  if (plan->reports_due != NULL && plan->reports_due[0] != NULL)
    {
      g_autoptr(GString) dates = g_string_new (NULL);

      for (guint i = 0; plan->reports_due[i] != NULL; i++)
        {
          g_autofree char *day = date_short (plan->reports_due[i]);
          g_string_append_printf (dates, "%strước ngày %s", i > 0 ? " và " : "", day);
        }
      dt_document_add_printf (document, DT_TEXT_BODY,
                              "1. Ủy ban nhân dân xã xây dựng kế hoạch tiếp xúc, đối thoại trực "
                              "tiếp với Nhân dân; tổng hợp kết quả báo cáo về %s %s.", BODY,
                              dates->str);
    }
  else
    dt_document_add_printf (document, DT_TEXT_BODY,
                            "1. Ủy ban nhân dân xã xây dựng kế hoạch tiếp xúc, đối thoại trực "
                            "tiếp với Nhân dân; tổng hợp kết quả báo cáo về %s 6 tháng và cả "
                            "năm.", BODY);
  dt_document_add_text (document, DT_TEXT_BODY,
                        "2. Văn phòng Đảng ủy chủ trì, phối hợp với các ban, ngành liên quan "
                        "chuẩn bị các điều kiện cần thiết phục vụ tiếp xúc, đối thoại; xây dựng "
                        "thông báo kết luận sau khi kết thúc buổi tiếp xúc, đối thoại; theo dõi, "
                        "đôn đốc việc giải quyết các ý kiến, kiến nghị của Nhân dân.\n"
                        "3. Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội xã "
                        "tổng hợp ý kiến, kiến nghị của Nhân dân gửi Văn phòng Đảng ủy trước mỗi "
                        "cuộc đối thoại; tuyên truyền mục đích, yêu cầu của hội nghị và vận động "
                        "Nhân dân tham gia.\n"
                        "4. Đài truyền thanh xã thông báo rộng rãi trên hệ thống loa truyền thanh "
                        "của xã, thôn về nội dung, thời gian, địa điểm tiếp xúc, đối thoại.");
  dt_document_add_printf (document, DT_TEXT_BODY,
                          "Trên đây là Kế hoạch tiếp xúc, đối thoại trực tiếp với Nhân dân năm "
                          "%d. Yêu cầu các tổ chức, ban, ngành, đoàn thể và các đơn vị căn cứ "
                          "nhiệm vụ tổ chức triển khai thực hiện. Quá trình thực hiện nếu có phát "
                          "sinh sẽ có bổ sung, điều chỉnh cho phù hợp với tình hình thực tiễn./.",
                          plan->year);
  sign (job, document, recipients);
  return g_steal_pointer (&document);
}

/* Public API */

const char *
dt_document_kind_name (DtDocumentKind kind)
{
  g_return_val_if_fail (kind < DT_N_DOCUMENT_KINDS, NULL);

  return kinds[kind].name;
}

gboolean
dt_document_kind_from_name (const char     *name,
                            DtDocumentKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < DT_N_DOCUMENT_KINDS; i++)
    if (g_str_equal (name, kinds[i].name))
      {
        if (kind != NULL)
          *kind = (DtDocumentKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
dt_document_kind_label (DtDocumentKind kind)
{
  g_return_val_if_fail (kind < DT_N_DOCUMENT_KINDS, NULL);

  return _(kinds[kind].label);
}

const char *
dt_document_kind_title_vi (DtDocumentKind kind)
{
  g_return_val_if_fail (kind < DT_N_DOCUMENT_KINDS, NULL);

  return kinds[kind].title_vi;
}

const char *
dt_document_kind_symbol (DtDocumentKind kind)
{
  g_return_val_if_fail (kind < DT_N_DOCUMENT_KINDS, NULL);

  return kinds[kind].symbol;
}

DtDocumentRequest *
dt_document_request_new (DtDocumentKind kind)
{
  DtDocumentRequest *request;

  g_return_val_if_fail (kind < DT_N_DOCUMENT_KINDS, NULL);

  request = g_new0 (DtDocumentRequest, 1);
  request->kind = kind;
  return request;
}

DtDocumentRequest *
dt_document_request_copy (const DtDocumentRequest *request)
{
  DtDocumentRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_new0 (DtDocumentRequest, 1);
  copy->kind = request->kind;
  copy->session = g_strdup (request->session);
  copy->petitions = g_strdupv (request->petitions);
  copy->agency = g_strdup (request->agency);
  copy->plan = g_strdup (request->plan);
  copy->as_of = g_strdup (request->as_of);
  copy->number = g_strdup (request->number);
  copy->date = g_strdup (request->date);
  return copy;
}

void
dt_document_request_free (DtDocumentRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->session);
  g_strfreev (request->petitions);
  g_free (request->agency);
  g_free (request->plan);
  g_free (request->as_of);
  g_free (request->number);
  g_free (request->date);
  g_free (request);
}

char *
dt_document_next_number (DtDatabase      *db,
                         DtDocumentKind   kind,
                         int              year,
                         GError         **error)
{
  g_autoptr(DtUnit) unit = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind < DT_N_DOCUMENT_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kinds[kind].symbol == NULL)
    return NULL;
  if (!(unit = dt_unit_load (db, error)))
    return NULL;
  return next_number (db, unit, kind, year, error);
}

gboolean
dt_document_get_number (DtDatabase              *db,
                        const DtDocumentRequest *request,
                        char                   **number,
                        char                   **date,
                        gboolean                *recorded,
                        GError                 **error)
{
  g_auto(Job) job = { 0 };

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (request != NULL && request->kind < DT_N_DOCUMENT_KINDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!job_load (&job, db, request, error))
    return FALSE;
  if (number != NULL)
    *number = g_steal_pointer (&job.number);
  if (date != NULL)
    *date = g_steal_pointer (&job.date);
  if (recorded != NULL)
    *recorded = job.recorded;
  return TRUE;
}

DtDocument *
dt_document_build (DtDatabase              *db,
                   const DtDocumentRequest *request,
                   GError                 **error)
{
  g_auto(Job) job = { 0 };

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (request != NULL && request->kind < DT_N_DOCUMENT_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!job_load (&job, db, request, error) || !mask_confidential (&job, error))
    return NULL;

  switch (request->kind)
    {
    case DT_DOCUMENT_NOTICE:
      return build_notice (&job, error);
    case DT_DOCUMENT_MINUTES:
      return build_minutes (&job, error);
    case DT_DOCUMENT_CONCLUSION:
      return build_conclusion (&job, error);
    case DT_DOCUMENT_TRANSFER:
      return build_transfer (&job, error);
    case DT_DOCUMENT_REMINDER:
      return build_reminder (&job, error);
    case DT_DOCUMENT_PLAN:
      return build_plan (&job, error);
    case DT_N_DOCUMENT_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

typedef struct
{
  Job        *job;
  const char *key;
  const char *duplicate;       /* what already carries the number, when found */
  char       *where;
} Duplicate;

static gboolean
duplicate_cb (const char *number,
              const char *source,
              const char *code,
              gpointer    user_data)
{
  Duplicate *duplicate = user_data;
  Job *job = duplicate->job;
  g_autofree char *key = number_key (number);
  DtDocumentKind kind = job->request->kind;

  if (!g_str_equal (key, duplicate->key))
    return TRUE;
  /* The record's own number, being given again. */
  if ((kind == DT_DOCUMENT_NOTICE && g_str_equal (source, "notice") &&
       g_str_equal (code, job->session->code)) ||
      (kind == DT_DOCUMENT_CONCLUSION && g_str_equal (source, "conclusion") &&
       g_str_equal (code, job->session->code)) ||
      (kind == DT_DOCUMENT_PLAN && g_str_equal (source, "plan") &&
       g_str_equal (code, job->plan->code)))
    return TRUE;
  if ((kind == DT_DOCUMENT_TRANSFER || kind == DT_DOCUMENT_REMINDER) &&
      g_str_equal (source, "event"))
    for (guint i = 0; i < job->petitions->len; i++)
      if (g_str_equal (code, ((DtPetition *) g_ptr_array_index (job->petitions, i))->code))
        return TRUE;

  if (g_str_equal (source, "notice"))
    duplicate->where = g_strdup_printf (_("the notice of session “%s”"), code);
  else if (g_str_equal (source, "conclusion"))
    duplicate->where = g_strdup_printf (_("the conclusion notice of session “%s”"), code);
  else if (g_str_equal (source, "plan"))
    duplicate->where = g_strdup_printf (_("plan “%s”"), code);
  else
    duplicate->where = g_strdup_printf (_("a document about petition “%s”"), code);
  return FALSE;
}

gboolean
dt_document_record (DtDatabase              *db,
                    const DtDocumentRequest *request,
                    GError                 **error)
{
  g_auto(Job) job = { 0 };
  Duplicate duplicate = { 0 };
  g_autofree char *key = NULL;
  const char *prefix = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (request != NULL && request->kind < DT_N_DOCUMENT_KINDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!job_load (&job, db, request, error))
    return FALSE;
  if (job.number == NULL)
    return TRUE;

  key = number_key (job.number);
  duplicate.job = &job;
  duplicate.key = key;
  if (!foreach_issued (db, g_date_get_year (&job.day), duplicate_cb, &duplicate, error))
    return FALSE;
  if (duplicate.where != NULL)
    {
      GError *local = g_error_new (DT_ERROR, DT_ERROR_DUPLICATE,
                                   _("Number %s was already given in %d, to %s."), job.number,
                                   g_date_get_year (&job.day), duplicate.where);
      dt_error_set_field (local, "document", "number", NULL);
      g_propagate_error (error, local);
      g_free (duplicate.where);
      return FALSE;
    }

  if (!_dt_database_savepoint (db, error))
    return FALSE;
  switch (request->kind)
    {
    case DT_DOCUMENT_NOTICE:
    case DT_DOCUMENT_CONCLUSION:
      {
        char **number = request->kind == DT_DOCUMENT_NOTICE ? &job.session->notice_number
                                                           : &job.session->conclusion_number;
        char **date = request->kind == DT_DOCUMENT_NOTICE ? &job.session->notice_date
                                                         : &job.session->conclusion_date;
        g_free (*number);
        *number = g_strdup (job.number);
        g_free (*date);
        *date = g_strdup (job.date);
        if (!dt_session_update (db, job.session, error))
          goto undo;
      }
      break;

    case DT_DOCUMENT_PLAN:
      g_free (job.plan->number);
      job.plan->number = g_strdup (job.number);
      g_free (job.plan->issued);
      job.plan->issued = g_strdup (job.date);
      if (!dt_plan_update (db, job.plan, error))
        goto undo;
      break;

    case DT_DOCUMENT_TRANSFER:
    case DT_DOCUMENT_REMINDER:
      prefix = request->kind == DT_DOCUMENT_TRANSFER ? transfer_prefix : reminder_prefix;
      for (guint i = 0; i < job.petitions->len; i++)
        {
          DtPetition *petition = g_ptr_array_index (job.petitions, i);
          g_autofree char *text = NULL;
          gboolean already = FALSE;

          for (guint e = 0; e < petition->events->len && !already; e++)
            {
              DtPetitionEvent *event = g_ptr_array_index (petition->events, e);
              g_autofree char *event_key = event->number != NULL ? number_key (event->number)
                                                                 : NULL;
              already = event_key != NULL && g_str_equal (event_key, key);
            }
          if (already)
            continue;
          text = g_strdup_printf ("%s số %s: %s %s giải quyết.", prefix, job.number,
                                  request->kind == DT_DOCUMENT_TRANSFER ? "chuyển" : "đôn đốc",
                                  petition->assigned_to);
          if (!dt_petition_add_event (db, petition->code, job.date, text, job.number, error))
            goto undo;
        }
      break;

    case DT_DOCUMENT_MINUTES:
    case DT_N_DOCUMENT_KINDS:
    default:
      break;
    }
  return _dt_database_release (db, error);

undo:
  _dt_database_undo (db);
  return FALSE;
}

char *
dt_document_file_name (const DtDocumentRequest *request)
{
  g_autoptr(GString) name = NULL;
  const char *what = NULL;

  g_return_val_if_fail (request != NULL && request->kind < DT_N_DOCUMENT_KINDS, NULL);

  name = g_string_new (kinds[request->kind].title_vi);
  switch (request->kind)
    {
    case DT_DOCUMENT_NOTICE:
    case DT_DOCUMENT_MINUTES:
    case DT_DOCUMENT_CONCLUSION:
      what = request->session;
      break;
    case DT_DOCUMENT_TRANSFER:
      what = request->petitions != NULL ? request->petitions[0] : NULL;
      break;
    case DT_DOCUMENT_REMINDER:
      what = request->agency;
      break;
    case DT_DOCUMENT_PLAN:
      what = request->plan;
      break;
    case DT_N_DOCUMENT_KINDS:
    default:
      break;
    }
  if (what != NULL)
    g_string_append_printf (name, " %s", what);
  if (request->kind == DT_DOCUMENT_TRANSFER && request->petitions != NULL &&
      g_strv_length (request->petitions) > 1)
    g_string_append_printf (name, " và %u ý kiến khác", g_strv_length (request->petitions) - 1);
  /* Characters no file system takes. */
  for (char *p = name->str; *p != '\0'; p++)
    if (strchr ("/\\:*?\"<>|", *p) != NULL)
      *p = '-';
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}
