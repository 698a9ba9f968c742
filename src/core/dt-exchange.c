/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-exchange"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <jansson.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-output.h"
#include "dt-records-private.h"
#include "dt-text.h"
#include "dt-util.h"

#define MASK_TEXT "(bảo mật)"

/* The records API's own limits (dt-records.c), checked here first so that no huge value is
 * copied, normalised or quoted in a message. */
#define CODE_MAX_CHARS 64
#define NAME_MAX_CHARS 128
#define TEXT_MAX_CHARS 100000
/* The most of a value that a message shows. */
#define QUOTE_CHARS    80
/* The document is read this much at a time. */
#define CHUNK_SIZE     (1 << 20)
#define INDEX_BATCH    10000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_t, json_decref)

/* ------------------------------------------------------------------------------------------
 * Export
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  DtWriteFunc         write;
  gpointer            write_data;
  GString            *buffer;
  const DtEntitySpec *spec;
  gboolean            mask;
  /* When masking: session code → the names and addresses (GStrv) of its confidential
   * petitioners, for the minutes' texts that may name them. */
  GHashTable         *session_secrets;
  gboolean            first;
  GCancellable       *cancellable;
  DtProgressFunc      progress;
  gpointer            progress_data;
  guint64             done;
  guint64             total;
  double              reported;
} Writer;

static gboolean
writer_flush (Writer   *writer,
              gboolean  force,
              GError  **error)
{
  if (writer->buffer->len == 0 || (!force && writer->buffer->len < 1 << 20))
    return TRUE;
  if (!writer->write (writer->write_data, writer->buffer->str, writer->buffer->len, error))
    return FALSE;
  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

static void
writer_add_json (Writer *writer,
                 json_t *value)
{
  char *text = json_dumps (value, JSON_ENCODE_ANY);

  g_string_append (writer->buffer, text);
  free (text);
}

static json_t *
string_or_null (const char *value)
{
  return value != NULL ? json_string (value) : json_null ();
}

static json_t *
record_to_json (const DtEntitySpec *spec,
                gconstpointer       record,
                json_t             *object)
{
  if (object == NULL)
    object = json_object ();

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      gconstpointer ptr = ((const guint8 *) record) + field->offset;
      json_t *target = object;
      json_t *value;

      if (field->group != NULL)
        {
          target = json_object_get (object, field->group);
          if (target == NULL)
            {
              target = json_object ();
              json_object_set_new (object, field->group, target);
            }
        }

      switch (field->type)
        {
        case DT_FIELD_INT:
          value = *(const int *) ptr == DT_NO_INT ? json_null () : json_integer (*(const int *) ptr);
          break;
        case DT_FIELD_BOOL:
          value = json_boolean (*(const int *) ptr);
          break;
        case DT_FIELD_STRV:
        case DT_FIELD_DATEV:
          {
            char * const *values = *(char * const * const *) ptr;
            value = json_array ();
            for (guint j = 0; values != NULL && values[j] != NULL; j++)
              json_array_append_new (value, json_string (values[j]));
          }
          break;
        case DT_FIELD_CHILDREN:
          {
            GPtrArray *children = *(GPtrArray * const *) ptr;
            value = json_array ();
            for (guint j = 0; children != NULL && j < children->len; j++)
              json_array_append_new (value, record_to_json (field->child,
                                                            g_ptr_array_index (children, j),
                                                            NULL));
          }
          break;
        case DT_FIELD_TEXT:
        case DT_FIELD_CODE:
        case DT_FIELD_DATE:
        case DT_FIELD_TIME:
        case DT_FIELD_ENUM:
        case DT_FIELD_LIST_REF:
        case DT_FIELD_CODE_REF:
        default:
          value = string_or_null (*(char * const *) ptr);
          break;
        }
      json_object_set_new (target, field->key, value);
    }

  /* A group with nothing in it is written as null (minutes not yet taken). */
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      json_t *group;
      const char *key;
      json_t *value;
      gboolean empty = TRUE;

      if (field->group == NULL || !json_is_object (group = json_object_get (object, field->group)))
        continue;
      json_object_foreach (group, key, value)
        if (!json_is_null (value))
          empty = FALSE;
      if (empty)
        json_object_set_new (object, field->group, json_null ());
    }
  return object;
}

static void
mask_text (char               **text,
           const char * const  *secrets)
{
  char *masked;

  if (*text == NULL)
    return;
  masked = dt_text_mask (*text, secrets, MASK_TEXT);
  g_free (*text);
  *text = masked;
}

/* A confidential petitioner leaves no name or address in the document, not even inside the
 * free texts where the secretary may have written it, in whatever case or marks. */
static void
mask_petition (DtPetition *petition)
{
  g_auto(GStrv) secrets = dt_text_person_secrets (petition->petitioner, petition->address);
  char **texts[] = { &petition->summary, &petition->content, &petition->answer,
                     &petition->result, &petition->declined_reason };

  if (petition->petitioner != NULL)
    {
      g_free (petition->petitioner);
      petition->petitioner = g_strdup (MASK_TEXT);
    }
  g_clear_pointer (&petition->address, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    mask_text (texts[i], (const char * const *) secrets);
  for (guint i = 0; i < petition->events->len; i++)
    {
      DtPetitionEvent *event = g_ptr_array_index (petition->events, i);
      mask_text (&event->text, (const char * const *) secrets);
    }
}

/* The minutes of a session may name the confidential petitioners who spoke there. */
static void
mask_session (Writer    *writer,
              DtSession *session)
{
  const char * const *secrets = g_hash_table_lookup (writer->session_secrets, session->code);

  if (secrets == NULL)
    return;
  mask_text (&session->topic, secrets);
  mask_text (&session->composition, secrets);
  mask_text (&session->proceedings, secrets);
  mask_text (&session->minutes_conclusion, secrets);
}

static gboolean
load_session_secrets (Writer      *writer,
                      DtDatabase  *db,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _dt_database_prepare (db, "SELECT s.code, p.petitioner, p.address FROM petitions p "
                                   "JOIN sessions s ON s.id = p.session_id "
                                   "WHERE p.confidential = 1", error);
  if (stmt == NULL)
    return FALSE;
  writer->session_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_strfreev);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      char **old = g_hash_table_lookup (writer->session_secrets, code);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) secrets = dt_text_person_secrets ((const char *) sqlite3_column_text (stmt, 1),
                                                      (const char *) sqlite3_column_text (stmt, 2));

      if (old != NULL)
        g_strv_builder_addv (builder, (const char **) old);
      g_strv_builder_addv (builder, (const char **) secrets);
      g_hash_table_insert (writer->session_secrets, g_strdup (code),
                           g_strv_builder_end (builder));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  return TRUE;
}

static gboolean
write_record_cb (gpointer   record,
                 gpointer   user_data,
                 GError   **error)
{
  Writer *writer = user_data;
  const DtEntitySpec *spec = writer->spec;
  g_autoptr(json_t) object = NULL;

  if (spec == &_dt_petition_spec && writer->mask && ((DtPetition *) record)->confidential)
    mask_petition (record);
  if (spec == &_dt_session_spec && writer->mask)
    mask_session (writer, record);

  if (g_cancellable_set_error_if_cancelled (writer->cancellable, error))
    return FALSE;
  object = record_to_json (spec, record, NULL);
  g_string_append (writer->buffer, writer->first ? "\n    " : ",\n    ");
  writer->first = FALSE;
  writer_add_json (writer, object);

  writer->done++;
  if (writer->progress != NULL && writer->total > 0 &&
      (double) writer->done / (double) writer->total >= writer->reported + 0.01)
    {
      writer->reported = (double) writer->done / (double) writer->total;
      writer->progress (writer->reported, writer->progress_data);
    }
  return writer_flush (writer, FALSE, error);
}

static gboolean
write_records (Writer              *writer,
               DtDatabase          *db,
               const char          *key,
               const DtEntitySpec  *spec,
               GError             **error)
{
  g_string_append_printf (writer->buffer, ",\n  \"%s\": [", key);
  writer->first = TRUE;
  writer->spec = spec;
  if (!_dt_records_foreach (db, spec, write_record_cb, writer, error))
    return FALSE;
  g_string_append (writer->buffer, writer->first ? "]" : "\n  ]");
  return TRUE;
}

static gboolean
write_document (DtDatabase  *db,
                Writer      *writer,
                GError     **error)
{
  static const char * const list_keys[] = { "villages", "agencies", "fields" };
  static const char * const tables[] = { "plans", "sessions", "petitions" };
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GPtrArray) calendar = NULL;
  g_autoptr(json_t) unit_json = NULL;
  g_autoptr(json_t) rules_json = NULL;
  gboolean ok = FALSE;

  writer->buffer = g_string_sized_new (1 << 20);
  writer->first = TRUE;
  if (!(unit = dt_unit_load (db, error)) || !(calendar = dt_calendar_list (db, error)))
    goto out;
  if (writer->mask && !load_session_secrets (writer, db, error))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 count = dt_database_count (db, tables[i], error);

      if (count < 0)
        goto out;
      writer->total += (guint64) count;
    }

  g_string_append (writer->buffer, "{\n  \"format\": \"" DT_EXCHANGE_FORMAT "\",\n");
  g_string_append_printf (writer->buffer, "  \"version\": %d,\n  \"unit\": ", DT_EXCHANGE_VERSION);
  unit_json = record_to_json (&_dt_unit_spec, unit, NULL);
  writer_add_json (writer, unit_json);
  g_string_append (writer->buffer, ",\n  \"rules\": ");
  rules_json = record_to_json (&_dt_rules_spec, unit, NULL);
  writer_add_json (writer, rules_json);

  for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
    {
      g_auto(GStrv) names = dt_list_get (db, (DtList) i, error);
      g_autoptr(json_t) array = json_array ();

      if (names == NULL)
        goto out;
      for (guint j = 0; names[j] != NULL; j++)
        json_array_append_new (array, json_string (names[j]));
      g_string_append_printf (writer->buffer, ",\n  \"%s\": ", list_keys[i]);
      writer_add_json (writer, array);
    }

  g_string_append (writer->buffer, ",\n  \"calendar\": [");
  for (guint i = 0; i < calendar->len; i++)
    {
      DtCalendarYear *year = g_ptr_array_index (calendar, i);
      g_autoptr(json_t) object = json_object ();
      json_t *holidays = json_array ();
      json_t *workdays = json_array ();

      for (guint j = 0; year->holidays[j] != NULL; j++)
        json_array_append_new (holidays, json_string (year->holidays[j]));
      for (guint j = 0; year->workdays[j] != NULL; j++)
        json_array_append_new (workdays, json_string (year->workdays[j]));
      json_object_set_new (object, "year", json_integer (year->year));
      json_object_set_new (object, "holidays", holidays);
      json_object_set_new (object, "workdays", workdays);
      g_string_append (writer->buffer, i == 0 ? "\n    " : ",\n    ");
      writer_add_json (writer, object);
    }
  g_string_append (writer->buffer, calendar->len ? "\n  ]" : "]");

  if (!write_records (writer, db, "plans", &_dt_plan_spec, error) ||
      !write_records (writer, db, "sessions", &_dt_session_spec, error) ||
      !write_records (writer, db, "petitions", &_dt_petition_spec, error))
    goto out;
  g_string_append (writer->buffer, "\n}\n");
  ok = writer_flush (writer, TRUE, error);
  if (ok && writer->progress != NULL)
    writer->progress (1.0, writer->progress_data);

out:
  g_clear_pointer (&writer->session_secrets, g_hash_table_unref);
  g_string_free (writer->buffer, TRUE);
  return ok;
}

gboolean
dt_exchange_export_to (DtDatabase      *db,
                       gboolean         mask_confidential,
                       DtWriteFunc      write,
                       gpointer         write_data,
                       GCancellable    *cancellable,
                       DtProgressFunc   progress,
                       gpointer         progress_data,
                       GError         **error)
{
  Writer writer = { 0 };
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  writer.write = write;
  writer.write_data = write_data;
  writer.mask = mask_confidential;
  writer.cancellable = cancellable;
  writer.progress = progress;
  writer.progress_data = progress_data;

  /* One read transaction: a consistent snapshot even while others write. A savepoint nests in
   * a caller's transaction and, unlike the write levels (BEGIN IMMEDIATE), takes no write
   * lock: other programs keep writing, and a read-only database can be exported. */
  if (!_dt_database_exec (db, "SAVEPOINT dt_export", error))
    return FALSE;
  ok = write_document (db, &writer, error);
  _dt_database_exec (db, "RELEASE dt_export", NULL);
  return ok;
}

static gboolean
append_to_string (gpointer     user_data,
                  const void  *data,
                  gsize        length,
                  GError     **error)
{
  g_string_append_len (user_data, data, (gssize) length);
  return TRUE;
}

char *
dt_exchange_export_string (DtDatabase  *db,
                           gboolean     mask_confidential,
                           GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  if (!dt_exchange_export_to (db, mask_confidential, append_to_string, text, NULL, NULL, NULL,
                              error))
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
dt_exchange_export_file_full (DtDatabase      *db,
                              const char      *path,
                              gboolean         mask_confidential,
                              GCancellable    *cancellable,
                              DtProgressFunc   progress,
                              gpointer         progress_data,
                              GError         **error)
{
  g_autoptr(DtOutput) output = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Streamed into a temporary file beside PATH; freeing an uncommitted output removes it. */
  if (!(output = dt_output_new (path, db, error)))
    return FALSE;
  if (!dt_exchange_export_to (db, mask_confidential, dt_output_write_func, output, cancellable,
                              progress, progress_data, error))
    return FALSE;
  return dt_output_commit (output, error);
}

gboolean
dt_exchange_export_file (DtDatabase  *db,
                         const char  *path,
                         gboolean     mask_confidential,
                         GError     **error)
{
  return dt_exchange_export_file_full (db, path, mask_confidential, NULL, NULL, NULL, error);
}

/* ------------------------------------------------------------------------------------------
 * Import
 * ------------------------------------------------------------------------------------------ */

static const char *
json_type_name (json_t *value)
{
  switch (json_typeof (value))
    {
    case JSON_OBJECT:
      return _("an object");
    case JSON_ARRAY:
      return _("a list");
    case JSON_STRING:
      return _("a text");
    case JSON_INTEGER:
      return _("a whole number");
    case JSON_REAL:
      return _("a decimal number");
    case JSON_TRUE:
    case JSON_FALSE:
      return _("true or false");
    case JSON_NULL:
    default:
      return "null";
    }
}

static gboolean
type_error (const char  *where,
            const char  *key,
            const char  *expected,
            json_t      *found,
            GError     **error)
{
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
               _("%s: “%s” must be %s, not %s."), where, key, expected, json_type_name (found));
  return FALSE;
}

/* A value as a message may show it: the start only, with nothing that could act on a
 * terminal. */
static char *
quote_value (const char *text)
{
  return dt_text_quote (text, -1, QUOTE_CHARS);
}

static guint
max_chars_for (DtFieldType type)
{
  switch (type)
    {
    case DT_FIELD_TEXT:
    case DT_FIELD_STRV:
      return TEXT_MAX_CHARS;
    case DT_FIELD_LIST_REF:
      return NAME_MAX_CHARS;
    case DT_FIELD_CODE:
    case DT_FIELD_CODE_REF:
    case DT_FIELD_DATE:
    case DT_FIELD_DATEV:
    case DT_FIELD_TIME:
    case DT_FIELD_ENUM:
    case DT_FIELD_INT:
    case DT_FIELD_BOOL:
    case DT_FIELD_CHILDREN:
    default:
      return CODE_MAX_CHARS;
    }
}

static gboolean
get_string (json_t      *value,
            const char  *where,
            const char  *key,
            guint        max_chars,
            char       **out,
            GError     **error)
{
  const char *text;
  gsize length;

  if (!json_is_string (value))
    return type_error (where, key, _("a text"), value, error);
  text = json_string_value (value);
  length = json_string_length (value);
  if (strlen (text) != length)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: “%s” contains a NUL character."), where, key);
      return FALSE;
    }
  /* Checked before anything copies, normalises or quotes the whole value. */
  if (length > max_chars && (length > 4 * (gsize) max_chars ||
                             g_utf8_strlen (text, (gssize) length) > (glong) max_chars))
    {
      g_autofree char *start = quote_value (text);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: “%s” is too long: at most %u characters are allowed. It begins "
                     "“%s”."), where, key, max_chars, start);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
get_strv (json_t      *value,
          const char  *where,
          const char  *key,
          guint        max_chars,
          char      ***out,
          GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  json_t *item;
  size_t i;

  if (!json_is_array (value))
    return type_error (where, key, _("a list of texts"), value, error);
  json_array_foreach (value, i, item)
    {
      g_autofree char *text = NULL;
      g_autofree char *item_key = g_strdup_printf ("%s[%zu]", key, i);

      if (!get_string (item, where, item_key, max_chars, &text, error))
        return FALSE;
      g_strv_builder_add (builder, text);
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
json_to_record (const DtEntitySpec  *spec,
                json_t              *object,
                gpointer             record,
                const char          *where,
                GError             **error)
{
  if (!json_is_object (object))
    return type_error (where, "", _("an object"), object, error);

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const DtFieldSpec *field = &spec->fields[i];
      gpointer ptr = DT_FIELD_PTR (record, field);
      json_t *value;

      if (field->group != NULL)
        {
          json_t *group = json_object_get (object, field->group);

          if (group == NULL || json_is_null (group))
            continue;
          if (!json_is_object (group))
            return type_error (where, field->group, _("an object"), group, error);
          value = json_object_get (group, field->key);
        }
      else
        value = json_object_get (object, field->key);

      if (value == NULL || json_is_null (value))
        continue;

      switch (field->type)
        {
        case DT_FIELD_INT:
          if (!json_is_integer (value))
            return type_error (where, field->key, _("a whole number"), value, error);
          if (json_integer_value (value) < G_MININT + 1 || json_integer_value (value) > G_MAXINT)
            {
              g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                           _("%s: “%s” is far too large."), where, field->key);
              return FALSE;
            }
          *(int *) ptr = (int) json_integer_value (value);
          break;
        case DT_FIELD_BOOL:
          if (!json_is_boolean (value))
            return type_error (where, field->key, _("true or false"), value, error);
          *(int *) ptr = json_is_true (value);
          break;
        case DT_FIELD_STRV:
        case DT_FIELD_DATEV:
          if (!get_strv (value, where, field->key, max_chars_for (field->type), (char ***) ptr,
                         error))
            return FALSE;
          break;
        case DT_FIELD_CHILDREN:
          {
            GPtrArray *children = *(GPtrArray **) ptr;
            json_t *item;
            size_t j;

            if (!json_is_array (value))
              return type_error (where, field->key, _("a list"), value, error);
            json_array_foreach (value, j, item)
              {
                g_autofree char *child_where = g_strdup_printf ("%s.%s[%zu]", where,
                                                                field->key, j);
                gpointer child = _dt_record_new (field->child);

                g_ptr_array_add (children, child);
                if (!json_to_record (field->child, item, child, child_where, error))
                  return FALSE;
              }
          }
          break;
        case DT_FIELD_TEXT:
        case DT_FIELD_CODE:
        case DT_FIELD_DATE:
        case DT_FIELD_TIME:
        case DT_FIELD_ENUM:
        case DT_FIELD_LIST_REF:
        case DT_FIELD_CODE_REF:
        default:
          g_clear_pointer ((char **) ptr, g_free);
          if (!get_string (value, where, field->key, max_chars_for (field->type), (char **) ptr,
                           error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

static gboolean
apply_calendar (DtDatabase       *db,
                json_t           *array,
                gboolean          replace,
                DtImportSummary  *summary,
                GError          **error)
{
  g_autoptr(GHashTable) in_database = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) in_document = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) existing = NULL;
  json_t *item;
  size_t i;

  if (array == NULL || json_is_null (array))
    return TRUE;
  if (!json_is_array (array))
    return type_error (_("Document"), "calendar", _("a list"), array, error);

  if (!(existing = dt_calendar_list (db, error)))
    return FALSE;
  for (guint j = 0; j < existing->len; j++)
    g_hash_table_add (in_database,
                      GINT_TO_POINTER (((DtCalendarYear *) g_ptr_array_index (existing, j))->year));

  json_array_foreach (array, i, item)
    {
      g_autofree char *where = g_strdup_printf ("calendar[%zu]", i);
      g_autoptr(DtCalendarYear) calendar = NULL;
      json_t *year;
      json_t *list;
      json_int_t number;

      if (!json_is_object (item))
        return type_error (where, "", _("an object"), item, error);
      year = json_object_get (item, "year");
      if (year == NULL || !json_is_integer (year))
        return type_error (where, "year", _("a whole number"),
                           year != NULL ? year : json_null (), error);
      number = json_integer_value (year);
      if (number < DT_YEAR_MIN || number > DT_YEAR_MAX)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("%s: the year %lld is outside %d to %d."),
                       where, (long long) number, DT_YEAR_MIN, DT_YEAR_MAX);
          return FALSE;
        }
      if (!g_hash_table_add (in_document, GINT_TO_POINTER ((int) number)))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("%s: the year %lld is listed twice in the calendar."),
                       where, (long long) number);
          return FALSE;
        }

      calendar = dt_calendar_year_new ((int) number);
      if ((list = json_object_get (item, "holidays")) != NULL && !json_is_null (list) &&
          !get_strv (list, where, "holidays", CODE_MAX_CHARS, &calendar->holidays, error))
        return FALSE;
      if ((list = json_object_get (item, "workdays")) != NULL && !json_is_null (list) &&
          !get_strv (list, where, "workdays", CODE_MAX_CHARS, &calendar->workdays, error))
        return FALSE;
      if (!dt_calendar_year_validate (calendar, error))
        return FALSE;

      /* A year the secretary set by hand is hers, like the unit, unless she says replace. */
      if (!replace && g_hash_table_contains (in_database, GINT_TO_POINTER ((int) number)))
        {
          summary->calendar_skipped++;
          continue;
        }
      if (!dt_calendar_save (db, calendar, error))
        return FALSE;
      summary->calendar_years++;
    }
  return TRUE;
}

static gboolean
apply_unit (DtDatabase       *db,
            json_t           *unit_json,
            json_t           *rules_json,
            gboolean          replace,
            DtImportSummary  *summary,
            GError          **error)
{
  g_autoptr(DtUnit) current = NULL;
  g_autoptr(DtUnit) defaults = dt_unit_new ();
  gboolean has_unit = unit_json != NULL && !json_is_null (unit_json);
  gboolean has_rules = rules_json != NULL && !json_is_null (rules_json);

  if (!has_unit && !has_rules)
    return TRUE;
  if (!(current = dt_unit_load (db, error)))
    return FALSE;

  /* The document's unit only replaces one the secretary has not set up yet. */
  if (current->name != NULL && !replace)
    {
      summary->unit_skipped = TRUE;
      return TRUE;
    }

  if (has_unit)
    {
      for (guint i = 0; i < _dt_unit_spec.n_fields; i++)
        {
          const DtFieldSpec *field = &_dt_unit_spec.fields[i];
          if (field->type == DT_FIELD_INT)
            DT_FIELD_INT_VALUE (current, field) = DT_FIELD_INT_VALUE (defaults, field);
          else
            g_clear_pointer ((char **) DT_FIELD_PTR (current, field), g_free);
        }
      if (!json_to_record (&_dt_unit_spec, unit_json, current, "unit", error))
        return FALSE;
    }
  if (has_rules)
    {
      current->notice_lead_days = defaults->notice_lead_days;
      current->conclusion_days = defaults->conclusion_days;
      current->answer_working_days = defaults->answer_working_days;
      if (!json_to_record (&_dt_rules_spec, rules_json, current, "rules", error))
        return FALSE;
    }
  if (!dt_unit_save (db, current, error))
    return FALSE;
  summary->unit_applied = TRUE;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * The document as a stream
 *
 * The top level object is read here, key by key; each value, and each record of the big
 * lists, is handed to jansson alone (JSON_DISABLE_EOF_CHECK tells how far it read). Only one
 * record is in memory at a time, however large the document.
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  const char   *name;        /* the source, as messages name it */
  guint8       *data;
  gsize         start;       /* first byte not yet read */
  gsize         end;         /* end of what the buffer holds */
  gsize         size;
  guint64       offset;      /* bytes of the document before data[0] */
  gboolean      eof;
  int           line;        /* of data[start], as jansson counts: from 1 */
  /* The column is counted only for a message: from COLUMN_FROM, a place in the document
   * still in the buffer, after COLUMN_BASE characters of the line already dropped. */
  guint64       column_from;
  int           column_base;
} Reader;

static int
count_chars (const guint8 *p,
             const guint8 *end)
{
  int n = 0;

  for (; p < end; p++)
    if ((*p & 0xc0) != 0x80)
      n++;
  return n;
}

/* Characters before data[start] on its line. */
static int
reader_column (Reader *reader)
{
  if (reader->data == NULL)
    return reader->column_base;
  return reader->column_base + count_chars (reader->data + (reader->column_from - reader->offset),
                                            reader->data + reader->start);
}

/* Where a message places the next byte C: jansson's columns count what was read. */
static int
place_column (Reader *reader,
              int     c)
{
  return reader_column (reader) + (c != -1);
}

static gboolean
syntax_error (Reader      *reader,
              const char  *text,
              int          line,
              int          column,
              GError     **error)
{
  g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
               _("“%s” is not valid JSON: %s (line %d, column %d)."),
               reader->name, text, line, column);
  return FALSE;
}

static gboolean
reader_fill (Reader  *reader,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize held = reader->end - reader->start;
  /* At least as much again as is held: a long value is read in a few passes, not many. */
  gsize want = MAX (CHUNK_SIZE, held);
  gsize n = 0;

  if (reader->eof)
    return TRUE;
  if (reader->start > 0)
    {
      reader->column_base = reader_column (reader);
      reader->column_from = reader->offset + reader->start;
      memmove (reader->data, reader->data + reader->start, held);
      reader->offset += reader->start;
      reader->start = 0;
      reader->end = held;
    }
  if (reader->size - reader->end < want)
    {
      reader->size = reader->end + want;
      reader->data = g_realloc (reader->data, reader->size);
    }
  if (!g_input_stream_read_all (reader->stream, reader->data + reader->end, want, &n,
                                reader->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be read: %s"),
                     reader->name, local_error->message);
      return FALSE;
    }
  reader->end += n;
  reader->eof = n < want;
  if (reader->offset + reader->end > DT_EXCHANGE_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size_full (DT_EXCHANGE_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is larger than %s, the most an exchange document may be."),
                   reader->name, limit);
      return FALSE;
    }
  return TRUE;
}

static void
reader_advance (Reader *reader,
                gsize   n)
{
  const guint8 *p = reader->data + reader->start;
  const guint8 *end = p + n;
  const guint8 *newline;

  while ((newline = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      reader->line++;
      p = newline + 1;
      reader->column_from = reader->offset + (guint64) (p - reader->data);
      reader->column_base = 0;
    }
  reader->start += n;
}

/* The next byte that is not white space, without taking it; -1 at the end. */
static gboolean
reader_peek (Reader  *reader,
             int     *c,
             GError **error)
{
  for (;;)
    {
      gsize i = reader->start;

      while (i < reader->end && (reader->data[i] == ' ' || reader->data[i] == '\t' ||
                                 reader->data[i] == '\n' || reader->data[i] == '\r'))
        i++;
      reader_advance (reader, i - reader->start);
      if (i < reader->end)
        {
          *c = reader->data[i];
          return TRUE;
        }
      if (reader->eof)
        {
          *c = -1;
          return TRUE;
        }
      if (!reader_fill (reader, error))
        return FALSE;
    }
}

static gboolean
reader_expect (Reader      *reader,
               char         wanted,
               const char  *alternative,
               GError     **error)
{
  int c;

  if (!reader_peek (reader, &c, error))
    return FALSE;
  if (c == wanted)
    {
      reader_advance (reader, 1);
      return TRUE;
    }
  return syntax_error (reader, alternative, reader->line, place_column (reader, c), error);
}

/* One JSON value, whole. */
static json_t *
reader_value (Reader  *reader,
              GError **error)
{
  int c;

  if (!reader_peek (reader, &c, error))
    return NULL;
  for (;;)
    {
      gsize held = reader->end - reader->start;
      const char *text = held > 0 ? (const char *) reader->data + reader->start : "";
      json_error_t json_error;
      json_t *value;

      value = json_loadb (text, held, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY |
                                      JSON_REJECT_DUPLICATES, &json_error);
      /* A number needs the byte after it to be known whole. */
      if (value != NULL && ((gsize) json_error.position < held || reader->eof))
        {
          reader_advance (reader, (gsize) json_error.position);
          return value;
        }
      json_decref (value);
      /* An error near the end of what is held may only be the buffer cutting the value. */
      if (value == NULL && (reader->eof || (gsize) json_error.position + 16 < held))
        {
          g_autofree char *safe = dt_text_quote (json_error.text, -1, G_MAXUINT);

          syntax_error (reader, safe, reader->line + json_error.line - 1,
                        json_error.line == 1 ? reader_column (reader) + json_error.column
                                             : json_error.column, error);
          return NULL;
        }
      if (!reader_fill (reader, error))
        return NULL;
    }
}

/* ------------------------------------------------------------------------------------------
 * Import
 * ------------------------------------------------------------------------------------------ */

typedef gint64 (*InsertFunc) (DtDatabase *db, gconstpointer record, GError **error);
typedef gboolean (*WriteFunc) (DtDatabase *db, gconstpointer record, GError **error);

typedef struct _Section Section;
struct _Section
{
  const char         *key;
  const DtEntitySpec *spec;
  InsertFunc          insert;
  WriteFunc           update;
  const char         *ref_key;      /* the field naming the record this one needs, or NULL */
  const char         *ref_table;
  Section            *prerequisite; /* the section holding those records */
  GHashTable         *codes;        /* code in the document → its place */
  GPtrArray          *early;        /* items read before the header was: JSON, in order */
  GPtrArray          *waiting;      /* records whose reference comes later in the document */
  GArray             *waiting_at;   /* their places */
  guint               count;
  gboolean            complete;     /* every record of the document is in the database */
};

typedef struct
{
  DtDatabase      *db;
  gboolean         replace;
  DtImportSummary *summary;
  Reader           reader;
  goffset          size;
  GCancellable    *cancellable;
  DtProgressFunc   progress;
  gpointer         progress_data;
  double           reported;
  GHashTable      *keys;
  gboolean         has_format;
  gboolean         has_version;
  gboolean         in_transaction;
  json_t          *unit;
  json_t          *rules;
  GPtrArray       *early_keys;     /* lists and calendar read before the header */
  GPtrArray       *early_values;
  Section          plans;
  Section          sessions;
  Section          petitions;
  GPtrArray       *duplicates;     /* petition code, then the code of its original */
} Import;

static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
ensure_transaction (Import  *import,
                    GError **error)
{
  if (import->in_transaction)
    return TRUE;
  if (!_dt_database_savepoint (import->db, error))
    return FALSE;
  import->in_transaction = TRUE;
  _dt_database_begin_bulk (import->db);
  /* Long statements (the search index at the end) stop too when cancelled. */
  if (import->cancellable != NULL)
    sqlite3_progress_handler (_dt_database_get_handle (import->db), 10000, progress_cb,
                              import->cancellable);
  return TRUE;
}

static void
report_progress (Import *import)
{
  double fraction;

  if (import->progress == NULL || import->size <= 0)
    return;
  /* The last part of the time goes to the search index. */
  fraction = 0.9 * (double) (import->reader.offset + import->reader.start) /
             (double) import->size;
  if (fraction >= import->reported + 0.01)
    {
      import->reported = fraction;
      import->progress (fraction, import->progress_data);
    }
}

static gboolean
header_read (Import *import)
{
  return import->has_format && import->has_version;
}

static gboolean
apply_list (Import      *import,
            guint        list,
            json_t      *array,
            GError     **error)
{
  static const char * const keys[] = { "villages", "agencies", "fields" };
  g_auto(GStrv) names = NULL;

  if (json_is_null (array))
    return TRUE;
  if (!get_strv (array, _("Document"), keys[list], NAME_MAX_CHARS, &names, error) ||
      !ensure_transaction (import, error))
    return FALSE;
  for (guint j = 0; names[j] != NULL; j++)
    {
      if (strpbrk (names[j], "\r\n\t") != NULL)
        {
          g_autofree char *quoted = quote_value (names[j]);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("%s[%u]: “%s” is not a usable name: keep it on one line."),
                       keys[list], j, quoted);
          return FALSE;
        }
      if (!dt_list_add (import->db, (DtList) list, names[j], error))
        {
          g_prefix_error (error, "%s[%u]: ", keys[list], j);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_small (Import      *import,
             const char  *key,
             json_t      *value,
             GError     **error)
{
  if (g_str_equal (key, "villages"))
    return apply_list (import, DT_LIST_VILLAGES, value, error);
  if (g_str_equal (key, "agencies"))
    return apply_list (import, DT_LIST_AGENCIES, value, error);
  if (g_str_equal (key, "fields"))
    return apply_list (import, DT_LIST_FIELDS, value, error);
  return ensure_transaction (import, error) &&
         apply_calendar (import->db, value, import->replace, import->summary, error);
}

/* Lists and calendar keep their order in the database: they go in as soon as the document
 * is known to be one of ours. */
static gboolean
header_done (Import  *import,
             GError **error)
{
  if (!header_read (import))
    return TRUE;
  for (guint i = 0; i < import->early_keys->len; i++)
    if (!apply_small (import, g_ptr_array_index (import->early_keys, i),
                      g_ptr_array_index (import->early_values, i), error))
      return FALSE;
  g_ptr_array_set_size (import->early_keys, 0);
  g_ptr_array_set_size (import->early_values, 0);
  return TRUE;
}

static gboolean
record_exists (DtDatabase  *db,
               const char  *table,
               const char  *code,
               gboolean    *exists,
               GError     **error)
{
  g_autofree char *clean = dt_text_clean (code);
  g_autoptr(GError) local_error = NULL;

  *exists = clean != NULL && _dt_row_exists (db, table, "code", clean, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_record (Import    *import,
              Section   *section,
              gpointer   record,
              guint      index,
              GError   **error)
{
  const char *code = DT_FIELD_STR (record, &section->spec->fields[0]);
  gboolean exists = FALSE;

  if (!ensure_transaction (import, error))
    return FALSE;
  if (import->replace && !record_exists (import->db, section->spec->table, code, &exists, error))
    return FALSE;
  if (exists ? !section->update (import->db, record, error)
             : section->insert (import->db, record, error) == 0)
    {
      g_prefix_error (error, "%s[%u]: ", section->key, index);
      return FALSE;
    }
  section->count++;
  /* The search index is brought up to date by batches: in one go, for 100,000 petitions,
   * SQLite would hold another 100 MB. Still one transaction: all or nothing. */
  if (section->count % INDEX_BATCH == 0 && section->spec == &_dt_petition_spec)
    {
      if (!_dt_database_index_deferred (import->db, error))
        return FALSE;
    }
  return TRUE;
}

/* A record whose reference is neither in the database nor can come before it any more
 * waits for the end of the document, when its section's turn comes. */
static gboolean
must_wait (Import    *import,
           Section   *section,
           gpointer   record,
           gboolean  *wait,
           GError   **error)
{
  const char *reference = NULL;
  gboolean exists;

  *wait = FALSE;
  if (section->prerequisite == NULL || section->prerequisite->complete)
    return TRUE;
  for (guint i = 0; i < section->spec->n_fields; i++)
    if (g_str_equal (section->spec->fields[i].key, section->ref_key))
      reference = DT_FIELD_STR (record, &section->spec->fields[i]);
  if (reference == NULL)
    return TRUE;
  if (!ensure_transaction (import, error) ||
      !record_exists (import->db, section->ref_table, reference, &exists, error))
    return FALSE;
  *wait = !exists;
  return TRUE;
}

static gboolean
take_item (Import      *import,
           Section     *section,
           json_t      *item,
           guint        index,
           GError     **error)
{
  const DtEntitySpec *spec = section->spec;
  gpointer record = _dt_record_new (spec);
  g_autofree char *where = NULL;
  g_autofree char *normal = NULL;
  const char *code;
  gpointer first;
  gboolean wait;
  gboolean ok = FALSE;

  code = json_is_object (item) ? json_string_value (json_object_get (item, "code")) : NULL;
  if (code != NULL)
    {
      g_autofree char *quoted = quote_value (code);
      where = g_strdup_printf ("%s[%u] (“%s”)", section->key, index, quoted);
    }
  else
    where = g_strdup_printf ("%s[%u]", section->key, index);
  if (!json_to_record (spec, item, record, where, error))
    goto out;

  /* Codes are compared as they will be stored: NFC, trimmed. */
  normal = dt_text_clean (DT_FIELD_STR (record, &spec->fields[0]));
  if (normal != NULL)   /* else the records API reports the missing code */
    {
      if (g_hash_table_lookup_extended (section->codes, normal, NULL, &first))
        {
          g_autofree char *quoted = quote_value (normal);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("The code “%s” appears twice in “%s” (items %u and %u)."),
                       quoted, section->key, GPOINTER_TO_UINT (first), index);
          goto out;
        }
      g_hash_table_insert (section->codes, g_strdup (normal), GUINT_TO_POINTER (index));
    }

  /* Originals may come after their duplicates: linked once all are in. */
  if (spec == &_dt_petition_spec && ((DtPetition *) record)->duplicate_of != NULL)
    {
      g_ptr_array_add (import->duplicates, g_strdup (normal));
      g_ptr_array_add (import->duplicates,
                       g_steal_pointer (&((DtPetition *) record)->duplicate_of));
    }

  if (!must_wait (import, section, record, &wait, error))
    goto out;
  if (wait)
    {
      g_ptr_array_add (section->waiting, g_steal_pointer (&record));
      g_array_append_val (section->waiting_at, index);
      ok = TRUE;
      goto out;
    }
  ok = apply_record (import, section, record, index, error);

out:
  if (record != NULL)
    spec->free_func (record);
  return ok;
}

static gboolean
read_section (Import   *import,
              Section  *section,
              GError  **error)
{
  Reader *reader = &import->reader;
  gboolean early = !header_read (import);
  int c;

  if (!reader_peek (reader, &c, error))
    return FALSE;
  if (c != '[')
    {
      g_autoptr(json_t) value = reader_value (reader, error);

      if (value == NULL)
        return FALSE;
      if (!json_is_null (value))
        return type_error (_("Document"), section->key, _("a list"), value, error);
      return TRUE;
    }
  reader_advance (reader, 1);
  if (!reader_peek (reader, &c, error))
    return FALSE;
  if (c == ']')
    {
      reader_advance (reader, 1);
      return TRUE;
    }

  for (guint i = 0;; i++)
    {
      g_autoptr(json_t) item = NULL;

      if (g_cancellable_set_error_if_cancelled (import->cancellable, error) ||
          !(item = reader_value (reader, error)))
        return FALSE;
      if (early)
        g_ptr_array_add (section->early, g_steal_pointer (&item));
      else if (!take_item (import, section, item, i, error))
        return FALSE;
      report_progress (import);

      if (!reader_peek (reader, &c, error))
        return FALSE;
      if (c == ']')
        break;
      if (c != ',')
        return syntax_error (reader, _("“,” or “]” expected"), reader->line,
                             place_column (reader, c), error);
      reader_advance (reader, 1);
    }
  reader_advance (reader, 1);
  return TRUE;
}

/* What is left once the document is read: the sections in the order of their references. */
static gboolean
finish_section (Import   *import,
                Section  *section,
                GError  **error)
{
  for (guint i = 0; i < section->early->len; i++)
    if (g_cancellable_set_error_if_cancelled (import->cancellable, error) ||
        !take_item (import, section, g_ptr_array_index (section->early, i), i, error))
      return FALSE;
  for (guint i = 0; i < section->waiting->len; i++)
    if (g_cancellable_set_error_if_cancelled (import->cancellable, error) ||
        !apply_record (import, section, g_ptr_array_index (section->waiting, i),
                       g_array_index (section->waiting_at, guint, i), error))
      return FALSE;
  section->complete = TRUE;
  return TRUE;
}

static gboolean
read_member (Import      *import,
             const char  *key,
             GError     **error)
{
  Reader *reader = &import->reader;
  Section *sections[] = { &import->plans, &import->sessions, &import->petitions };
  g_autoptr(json_t) value = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (key, sections[i]->key))
      {
        if (!read_section (import, sections[i], error))
          return FALSE;
        /* Later sections need only wait for what is not yet in. */
        if (header_read (import) && sections[i]->early->len == 0 &&
            sections[i]->waiting->len == 0 &&
            (sections[i]->prerequisite == NULL || sections[i]->prerequisite->complete))
          sections[i]->complete = TRUE;
        return TRUE;
      }

  if (!(value = reader_value (reader, error)))
    return FALSE;

  if (g_str_equal (key, "format"))
    {
      if (!json_is_string (value) || strcmp (json_string_value (value), DT_EXCHANGE_FORMAT) != 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is not a DoiThoai exchange document: “format” must be “%s”."),
                       reader->name, DT_EXCHANGE_FORMAT);
          return FALSE;
        }
      import->has_format = TRUE;
      return header_done (import, error);
    }
  if (g_str_equal (key, "version"))
    {
      if (!json_is_integer (value))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s”: “version” is missing or not a whole number."), reader->name);
          return FALSE;
        }
      if (json_integer_value (value) != DT_EXCHANGE_VERSION)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is in exchange format version %lld; this program reads version "
                         "%d."), reader->name, (long long) json_integer_value (value),
                       DT_EXCHANGE_VERSION);
          return FALSE;
        }
      import->has_version = TRUE;
      return header_done (import, error);
    }
  if (g_str_equal (key, "unit"))
    import->unit = g_steal_pointer (&value);
  else if (g_str_equal (key, "rules"))
    import->rules = g_steal_pointer (&value);
  else if (g_str_equal (key, "villages") || g_str_equal (key, "agencies") ||
           g_str_equal (key, "fields") || g_str_equal (key, "calendar"))
    {
      if (header_read (import))
        return apply_small (import, key, value, error);
      g_ptr_array_add (import->early_keys, g_strdup (key));
      g_ptr_array_add (import->early_values, g_steal_pointer (&value));
    }
  /* Unknown keys are ignored. */
  return TRUE;
}

static gboolean
read_document (Import  *import,
               GError **error)
{
  Reader *reader = &import->reader;
  int c;

  if (!reader_fill (reader, error))
    return FALSE;
  /* Notepad on Windows may start a UTF-8 file with a byte order mark. */
  if (reader->end >= 3 && memcmp (reader->data, "\xef\xbb\xbf", 3) == 0)
    reader->start = reader->column_from = 3;

  if (!reader_peek (reader, &c, error))
    return FALSE;
  if (c != '{')
    {
      g_autoptr(json_t) value = reader_value (reader, error);

      if (value == NULL)
        return FALSE;
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a DoiThoai exchange document: it is not a JSON object."),
                   reader->name);
      return FALSE;
    }
  reader_advance (reader, 1);
  if (!reader_peek (reader, &c, error))
    return FALSE;
  if (c == '}')
    reader_advance (reader, 1);
  else
    for (;;)
      {
        g_autoptr(json_t) key = NULL;
        int line = reader->line;
        int column = place_column (reader, c);

        if (c != '"')
          return syntax_error (reader, _("a key in quotes expected"), line, column, error);
        if (!(key = reader_value (reader, error)))
          return FALSE;
        if (!g_hash_table_add (import->keys, g_strdup (json_string_value (key))))
          return syntax_error (reader, _("a key appears twice"), line, column, error);
        if (!reader_expect (reader, ':', _("“:” expected"), error) ||
            !read_member (import, json_string_value (key), error) ||
            !reader_peek (reader, &c, error))
          return FALSE;
        if (c == '}')
          {
            reader_advance (reader, 1);
            break;
          }
        if (c != ',')
          return syntax_error (reader, _("“,” or “}” expected"), reader->line,
                               place_column (reader, c), error);
        reader_advance (reader, 1);
        if (!reader_peek (reader, &c, error))
          return FALSE;
      }

  if (!reader_peek (reader, &c, error))
    return FALSE;
  if (c != -1)
    return syntax_error (reader, _("the document goes on after its end"), reader->line,
                         place_column (reader, c), error);

  if (!import->has_format)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a DoiThoai exchange document: “format” must be “%s”."),
                   reader->name, DT_EXCHANGE_FORMAT);
      return FALSE;
    }
  if (!import->has_version)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s”: “version” is missing or not a whole number."), reader->name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_document (Import  *import,
                 GError **error)
{
  DtDatabase *db = import->db;

  if (!read_document (import, error) ||
      !finish_section (import, &import->plans, error) ||
      !finish_section (import, &import->sessions, error) ||
      !finish_section (import, &import->petitions, error) ||
      !ensure_transaction (import, error))
    return FALSE;

  for (guint i = 0; i < import->duplicates->len; i += 2)
    if (!_dt_petition_set_duplicate (db, g_ptr_array_index (import->duplicates, i),
                                     g_ptr_array_index (import->duplicates, i + 1), error))
      {
        g_autofree char *quoted = quote_value (g_ptr_array_index (import->duplicates, i));

        g_prefix_error (error, "petitions (“%s”): ", quoted);
        return FALSE;
      }

  if (!apply_unit (db, import->unit, import->rules, import->replace, import->summary, error))
    return FALSE;
  if (!_dt_database_end_bulk (db, TRUE, error))
    return FALSE;
  import->summary->plans = import->plans.count;
  import->summary->sessions = import->sessions.count;
  import->summary->petitions = import->petitions.count;
  return TRUE;
}

static void
section_init (Section            *section,
              const char         *key,
              const DtEntitySpec *spec,
              InsertFunc          insert,
              WriteFunc           update,
              const char         *ref_key,
              const char         *ref_table,
              Section            *prerequisite)
{
  section->key = key;
  section->spec = spec;
  section->insert = insert;
  section->update = update;
  section->ref_key = ref_key;
  section->ref_table = ref_table;
  section->prerequisite = prerequisite;
  section->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  section->early = g_ptr_array_new_with_free_func ((GDestroyNotify) json_decref);
  section->waiting = g_ptr_array_new_with_free_func (spec->free_func);
  section->waiting_at = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
section_clear (Section *section)
{
  g_clear_pointer (&section->codes, g_hash_table_unref);
  g_clear_pointer (&section->early, g_ptr_array_unref);
  g_clear_pointer (&section->waiting, g_ptr_array_unref);
  g_clear_pointer (&section->waiting_at, g_array_unref);
}

/* Messages may quote the document and its name: nothing in them may act on a terminal. */
static void
make_message_safe (GError *error)
{
  char *safe = dt_text_quote (error->message, -1, G_MAXUINT);

  g_free (error->message);
  error->message = safe;
}

gboolean
dt_exchange_import_stream (DtDatabase       *db,
                           GInputStream     *stream,
                           const char       *source_name,
                           goffset           size,
                           gboolean          replace,
                           DtImportSummary  *summary,
                           GCancellable     *cancellable,
                           DtProgressFunc    progress,
                           gpointer          progress_data,
                           GError          **error)
{
  DtImportSummary local_summary = { 0 };
  g_autoptr(GError) local_error = NULL;
  Import import = { 0 };
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);
  /* Said before the document is read, not at its first record. */
  if (dt_database_is_read_only (db))
    return _dt_database_fail (db, SQLITE_READONLY, error);

  import.db = db;
  import.replace = replace;
  import.summary = summary;
  import.size = size;
  import.cancellable = cancellable;
  import.progress = progress;
  import.progress_data = progress_data;
  import.reader.stream = stream;
  import.reader.cancellable = cancellable;
  import.reader.name = source_name != NULL ? source_name : _("the document");
  import.reader.line = 1;
  import.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.early_keys = g_ptr_array_new_with_free_func (g_free);
  import.early_values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_decref);
  import.duplicates = g_ptr_array_new_with_free_func (g_free);
  section_init (&import.plans, "plans", &_dt_plan_spec, (InsertFunc) dt_plan_insert,
                (WriteFunc) dt_plan_update, NULL, NULL, NULL);
  section_init (&import.sessions, "sessions", &_dt_session_spec, (InsertFunc) dt_session_insert,
                (WriteFunc) dt_session_update, "plan", "plans", &import.plans);
  section_init (&import.petitions, "petitions", &_dt_petition_spec,
                (InsertFunc) dt_petition_insert, (WriteFunc) dt_petition_update, "session",
                "sessions", &import.sessions);

  ok = import_document (&import, &local_error);
  if (import.in_transaction)
    {
      sqlite3_progress_handler (_dt_database_get_handle (db), 0, NULL, NULL);
      if (ok)
        ok = _dt_database_release (db, &local_error);
      else
        {
          _dt_database_end_bulk (db, FALSE, NULL);
          _dt_database_undo (db);
        }
    }
  if (!ok && g_cancellable_is_cancelled (cancellable) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* An interrupted statement says so in SQLite's words; the caller asked to stop. */
      g_clear_error (&local_error);
      g_cancellable_set_error_if_cancelled (cancellable, &local_error);
    }
  if (ok && progress != NULL)
    progress (1.0, progress_data);

  section_clear (&import.plans);
  section_clear (&import.sessions);
  section_clear (&import.petitions);
  g_ptr_array_unref (import.duplicates);
  g_ptr_array_unref (import.early_values);
  g_ptr_array_unref (import.early_keys);
  g_hash_table_unref (import.keys);
  json_decref (import.unit);
  json_decref (import.rules);
  g_free (import.reader.data);

  if (!ok)
    {
      memset (summary, 0, sizeof *summary);
      if (local_error == NULL)
        g_set_error (&local_error, DT_ERROR, DT_ERROR_DATABASE, _("Database error in “%s”: %s"),
                     dt_database_get_path (db), "?");
      make_message_safe (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return ok;
}

gboolean
dt_exchange_import_data (DtDatabase       *db,
                         const char       *data,
                         gsize             length,
                         const char       *source_name,
                         gboolean          replace,
                         DtImportSummary  *summary,
                         GError          **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  stream = g_memory_input_stream_new_from_data (data, (gssize) length, NULL);
  return dt_exchange_import_stream (db, stream, source_name, (goffset) length, replace, summary,
                                    NULL, NULL, NULL, error);
}

gboolean
dt_exchange_import_file_full (DtDatabase       *db,
                              const char       *path,
                              gboolean          replace,
                              DtImportSummary  *summary,
                              GCancellable     *cancellable,
                              DtProgressFunc    progress,
                              gpointer          progress_data,
                              GError          **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  goffset size = -1;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);
  file = g_file_new_for_path (path);
  /* Looked at before it is opened: opening a pipe with no writer would wait forever. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *safe = dt_text_quote (name, -1, G_MAXUINT);

      g_set_error (error, DT_ERROR, DT_ERROR_IO,
                   _("“%s” is not a regular file (it is a folder, a device or a pipe): only a "
                     "file can be imported, or standard input given as “-”."), safe);
      return FALSE;
    }
  if (info != NULL)
    {
      size = g_file_info_get_size (info);
      if ((guint64) size > DT_EXCHANGE_MAX_BYTES)
        {
          g_autofree char *safe = dt_text_quote (name, -1, G_MAXUINT);
          g_autofree char *limit = g_format_size_full (DT_EXCHANGE_MAX_BYTES,
                                                       G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("“%s” is larger than %s, the most an exchange document may be."),
                       safe, limit);
          return FALSE;
        }
      stream = g_file_read (file, cancellable, &local_error);
    }
  if (stream == NULL)
    {
      g_autofree char *safe = dt_text_quote (name, -1, G_MAXUINT);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be read: %s"),
                     safe, local_error->message);
      return FALSE;
    }
  return dt_exchange_import_stream (db, G_INPUT_STREAM (stream), name, size, replace, summary,
                                    cancellable, progress, progress_data, error);
}

gboolean
dt_exchange_import_file (DtDatabase       *db,
                         const char       *path,
                         gboolean          replace,
                         DtImportSummary  *summary,
                         GError          **error)
{
  return dt_exchange_import_file_full (db, path, replace, summary, NULL, NULL, NULL, error);
}
