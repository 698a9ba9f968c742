/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-exchange"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <jansson.h>

#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records-private.h"
#include "dt-util.h"

#define MASK_TEXT "(bảo mật)"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (json_t, json_decref)

/* ------------------------------------------------------------------------------------------
 * Export
 * ------------------------------------------------------------------------------------------ */

typedef struct
{
  GOutputStream      *out;
  GString            *buffer;
  const DtEntitySpec *spec;
  gboolean       mask;
  gboolean       first;
} Writer;

static gboolean
writer_flush (Writer   *writer,
              gboolean  force,
              GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (writer->buffer->len == 0 || (!force && writer->buffer->len < 1 << 20))
    return TRUE;
  if (!g_output_stream_write_all (writer->out, writer->buffer->str, writer->buffer->len,
                                  NULL, NULL, &local_error))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("The export could not be written: %s"),
                   local_error->message);
      return FALSE;
    }
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
mask_text (char       **text,
           const char  *name)
{
  g_autoptr(GString) masked = NULL;

  if (*text == NULL || name == NULL || *name == '\0')
    return;
  masked = g_string_new (*text);
  if (g_string_replace (masked, name, MASK_TEXT, 0) > 0)
    {
      g_free (*text);
      *text = g_strdup (masked->str);
    }
}

/* A confidential petitioner leaves no name or address in the document, not even inside the
 * free texts where the secretary may have written it. */
static void
mask_petition (DtPetition *petition)
{
  g_autofree char *name = g_steal_pointer (&petition->petitioner);
  char **texts[] = { &petition->summary, &petition->content, &petition->answer,
                     &petition->result, &petition->declined_reason };

  petition->petitioner = g_strdup (MASK_TEXT);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      mask_text (texts[i], name);
      mask_text (texts[i], petition->address);
    }
  for (guint i = 0; i < petition->events->len; i++)
    {
      DtPetitionEvent *event = g_ptr_array_index (petition->events, i);
      mask_text (&event->text, name);
      mask_text (&event->text, petition->address);
    }
  g_clear_pointer (&petition->address, g_free);
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

  object = record_to_json (spec, record, NULL);
  g_string_append (writer->buffer, writer->first ? "\n    " : ",\n    ");
  writer->first = FALSE;
  writer_add_json (writer, object);
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
write_document (DtDatabase     *db,
                GOutputStream  *out,
                gboolean        mask,
                GError        **error)
{
  static const char * const list_keys[] = { "villages", "agencies", "fields" };
  Writer writer = { out, g_string_sized_new (1 << 20), NULL, mask, TRUE };
  g_autoptr(DtUnit) unit = NULL;
  g_autoptr(GPtrArray) calendar = NULL;
  g_autoptr(json_t) unit_json = NULL;
  g_autoptr(json_t) rules_json = NULL;
  gboolean ok = FALSE;

  if (!(unit = dt_unit_load (db, error)) || !(calendar = dt_calendar_list (db, error)))
    goto out;

  g_string_append (writer.buffer, "{\n  \"format\": \"" DT_EXCHANGE_FORMAT "\",\n");
  g_string_append_printf (writer.buffer, "  \"version\": %d,\n  \"unit\": ", DT_EXCHANGE_VERSION);
  unit_json = record_to_json (&_dt_unit_spec, unit, NULL);
  writer_add_json (&writer, unit_json);
  g_string_append (writer.buffer, ",\n  \"rules\": ");
  rules_json = record_to_json (&_dt_rules_spec, unit, NULL);
  writer_add_json (&writer, rules_json);

  for (guint i = 0; i < G_N_ELEMENTS (list_keys); i++)
    {
      g_auto(GStrv) names = dt_list_get (db, (DtList) i, error);
      g_autoptr(json_t) array = json_array ();

      if (names == NULL)
        goto out;
      for (guint j = 0; names[j] != NULL; j++)
        json_array_append_new (array, json_string (names[j]));
      g_string_append_printf (writer.buffer, ",\n  \"%s\": ", list_keys[i]);
      writer_add_json (&writer, array);
    }

  g_string_append (writer.buffer, ",\n  \"calendar\": [");
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
      g_string_append (writer.buffer, i == 0 ? "\n    " : ",\n    ");
      writer_add_json (&writer, object);
    }
  g_string_append (writer.buffer, calendar->len ? "\n  ]" : "]");

  if (!write_records (&writer, db, "plans", &_dt_plan_spec, error) ||
      !write_records (&writer, db, "sessions", &_dt_session_spec, error) ||
      !write_records (&writer, db, "petitions", &_dt_petition_spec, error))
    goto out;
  g_string_append (writer.buffer, "\n}\n");
  ok = writer_flush (&writer, TRUE, error);

out:
  g_string_free (writer.buffer, TRUE);
  return ok;
}

char *
dt_exchange_export_string (DtDatabase  *db,
                           gboolean     mask_confidential,
                           GError     **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (DT_IS_DATABASE (db), NULL);

  /* One read transaction: a consistent snapshot even while others write. Inside a caller's
   * transaction, that one already is. */
  own_transaction = sqlite3_get_autocommit (_dt_database_get_handle (db)) != 0;
  if (own_transaction && !_dt_database_exec (db, "BEGIN", error))
    return NULL;
  ok = write_document (db, out, mask_confidential, error);
  if (own_transaction)
    _dt_database_exec (db, "COMMIT", NULL);
  if (!ok || !g_output_stream_write_all (out, "", 1, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

gboolean
dt_exchange_export_file (DtDatabase  *db,
                         const char  *path,
                         gboolean     mask_confidential,
                         GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Whole in memory, then written to a temporary file, flushed to disk and renamed. */
  if (!(text = dt_exchange_export_string (db, mask_confidential, error)))
    return FALSE;
  return dt_file_write (path, text, -1, error);
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

static gboolean
get_string (json_t      *value,
            const char  *where,
            const char  *key,
            char       **out,
            GError     **error)
{
  if (!json_is_string (value))
    return type_error (where, key, _("a text"), value, error);
  if (strlen (json_string_value (value)) != json_string_length (value))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("%s: “%s” contains a NUL character."), where, key);
      return FALSE;
    }
  *out = g_strdup (json_string_value (value));
  return TRUE;
}

static gboolean
get_strv (json_t      *value,
          const char  *where,
          const char  *key,
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

      if (!get_string (item, where, item_key, &text, error))
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
          if (!get_strv (value, where, field->key, (char ***) ptr, error))
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
          if (!get_string (value, where, field->key, (char **) ptr, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

typedef struct
{
  const char         *key;
  const DtEntitySpec *spec;
  GPtrArray          *records;
} Section;

static gboolean
parse_section (json_t      *root,
               Section     *section,
               GError     **error)
{
  json_t *array = json_object_get (root, section->key);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  json_t *item;
  size_t i;

  section->records = g_ptr_array_new_with_free_func (section->spec->free_func);
  if (array == NULL || json_is_null (array))
    return TRUE;
  if (!json_is_array (array))
    return type_error (_("Document"), section->key, _("a list"), array, error);

  json_array_foreach (array, i, item)
    {
      gpointer record = _dt_record_new (section->spec);
      const char *code;
      g_autofree char *where = NULL;
      g_autofree char *normal = NULL;
      gpointer first;

      g_ptr_array_add (section->records, record);
      code = json_is_object (item) ? json_string_value (json_object_get (item, "code")) : NULL;
      where = code != NULL ? g_strdup_printf ("%s[%zu] (“%s”)", section->key, i, code)
                           : g_strdup_printf ("%s[%zu]", section->key, i);
      if (!json_to_record (section->spec, item, record, where, error))
        return FALSE;

      /* Codes are compared as they will be stored: NFC, trimmed. */
      code = DT_FIELD_STR (record, &section->spec->fields[0]);
      normal = dt_text_clean (code);
      if (normal == NULL)
        continue;   /* the records API reports the missing code */
      if (g_hash_table_lookup_extended (codes, normal, NULL, &first))
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("The code “%s” appears twice in “%s” (items %u and %zu)."),
                       normal, section->key, GPOINTER_TO_UINT (first), i);
          return FALSE;
        }
      g_hash_table_insert (codes, g_steal_pointer (&normal), GUINT_TO_POINTER ((guint) i));
    }
  return TRUE;
}

static gboolean
record_exists (DtDatabase         *db,
               const DtEntitySpec *spec,
               const char         *code,
               gboolean           *exists,
               GError            **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE code = ?", spec->table);
  g_autofree char *clean = dt_text_clean (code);
  sqlite3_stmt *stmt;
  int rc;

  *exists = FALSE;
  if (clean == NULL)
    return TRUE;
  if (!(stmt = _dt_database_prepare (db, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _dt_database_fail (db, rc, error);
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

typedef gint64 (*InsertFunc) (DtDatabase *db, gconstpointer record, GError **error);
typedef gboolean (*WriteFunc) (DtDatabase *db, gconstpointer record, GError **error);

static gboolean
apply_section (DtDatabase  *db,
               Section     *section,
               InsertFunc   insert,
               WriteFunc    update,
               gboolean     replace,
               GError     **error)
{
  for (guint i = 0; i < section->records->len; i++)
    {
      gpointer record = g_ptr_array_index (section->records, i);
      const char *code = DT_FIELD_STR (record, &section->spec->fields[0]);
      gboolean exists = FALSE;

      if (replace && !record_exists (db, section->spec, code, &exists, error))
        return FALSE;
      if (exists ? !update (db, record, error) : insert (db, record, error) == 0)
        {
          g_prefix_error (error, "%s[%u]: ", section->key, i);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_lists (DtDatabase  *db,
             json_t      *root,
             GError     **error)
{
  static const char * const keys[] = { "villages", "agencies", "fields" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      json_t *array = json_object_get (root, keys[i]);
      g_auto(GStrv) names = NULL;

      if (array == NULL || json_is_null (array))
        continue;
      if (!get_strv (array, _("Document"), keys[i], &names, error))
        return FALSE;
      for (guint j = 0; names[j] != NULL; j++)
        if (!dt_list_add (db, (DtList) i, names[j], error))
          {
            g_prefix_error (error, "%s[%u]: ", keys[i], j);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
apply_calendar (DtDatabase       *db,
                json_t           *root,
                gboolean          replace,
                DtImportSummary  *summary,
                GError          **error)
{
  json_t *array = json_object_get (root, "calendar");
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
          !get_strv (list, where, "holidays", &calendar->holidays, error))
        return FALSE;
      if ((list = json_object_get (item, "workdays")) != NULL && !json_is_null (list) &&
          !get_strv (list, where, "workdays", &calendar->workdays, error))
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
            json_t           *root,
            gboolean          replace,
            DtImportSummary  *summary,
            GError          **error)
{
  json_t *unit_json = json_object_get (root, "unit");
  json_t *rules_json = json_object_get (root, "rules");
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

static gboolean
check_header (json_t      *root,
              const char  *source_name,
              GError     **error)
{
  json_t *format;
  json_t *version;

  if (!json_is_object (root))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a DoiThoai exchange document: it is not a JSON object."),
                   source_name);
      return FALSE;
    }
  format = json_object_get (root, "format");
  if (!json_is_string (format) || strcmp (json_string_value (format), DT_EXCHANGE_FORMAT) != 0)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not a DoiThoai exchange document: “format” must be “%s”."),
                   source_name, DT_EXCHANGE_FORMAT);
      return FALSE;
    }
  version = json_object_get (root, "version");
  if (!json_is_integer (version))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s”: “version” is missing or not a whole number."), source_name);
      return FALSE;
    }
  if (json_integer_value (version) != DT_EXCHANGE_VERSION)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is in exchange format version %lld; this program reads version %d."),
                   source_name, (long long) json_integer_value (version), DT_EXCHANGE_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_document (DtDatabase       *db,
                 json_t           *root,
                 gboolean          replace,
                 DtImportSummary  *summary,
                 GError          **error)
{
  Section plans = { "plans", &_dt_plan_spec, NULL };
  Section sessions = { "sessions", &_dt_session_spec, NULL };
  Section petitions = { "petitions", &_dt_petition_spec, NULL };
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;

  if (!parse_section (root, &plans, error) || !parse_section (root, &sessions, error) ||
      !parse_section (root, &petitions, error))
    goto out;

  /* Originals may come after their duplicates: link them once all are in. */
  for (guint i = 0; i < petitions.records->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (petitions.records, i);
      g_ptr_array_add (originals, g_steal_pointer (&petition->duplicate_of));
    }

  if (!_dt_database_savepoint (db, error))
    goto out;
  _dt_database_begin_bulk (db);
  if (!apply_unit (db, root, replace, summary, error) ||
      !apply_lists (db, root, error) ||
      !apply_calendar (db, root, replace, summary, error) ||
      !apply_section (db, &plans, (InsertFunc) dt_plan_insert, (WriteFunc) dt_plan_update,
                      replace, error) ||
      !apply_section (db, &sessions, (InsertFunc) dt_session_insert,
                      (WriteFunc) dt_session_update, replace, error) ||
      !apply_section (db, &petitions, (InsertFunc) dt_petition_insert,
                      (WriteFunc) dt_petition_update, replace, error))
    goto undo;

  for (guint i = 0; i < petitions.records->len; i++)
    {
      DtPetition *petition = g_ptr_array_index (petitions.records, i);
      const char *original = g_ptr_array_index (originals, i);
      g_autofree char *code = dt_text_clean (petition->code);

      if (original != NULL && !_dt_petition_set_duplicate (db, code, original, error))
        {
          g_prefix_error (error, "petitions[%u]: ", i);
          goto undo;
        }
    }

  if (!_dt_database_end_bulk (db, TRUE, error))
    goto undo;
  if (!_dt_database_release (db, error))
    goto out;

  summary->plans = plans.records->len;
  summary->sessions = sessions.records->len;
  summary->petitions = petitions.records->len;
  ok = TRUE;
  goto out;

undo:
  _dt_database_end_bulk (db, FALSE, NULL);
  _dt_database_undo (db);
out:
  g_clear_pointer (&plans.records, g_ptr_array_unref);
  g_clear_pointer (&sessions.records, g_ptr_array_unref);
  g_clear_pointer (&petitions.records, g_ptr_array_unref);
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
  DtImportSummary local_summary = { 0 };
  g_autoptr(json_t) root = NULL;
  json_error_t json_error;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);
  if (source_name == NULL)
    source_name = _("the document");

  /* Notepad on Windows may start a UTF-8 file with a byte order mark. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  root = json_loadb (data, length, JSON_REJECT_DUPLICATES, &json_error);
  if (root == NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("“%s” is not valid JSON: %s (line %d, column %d)."),
                   source_name, json_error.text, json_error.line, json_error.column);
      return FALSE;
    }
  if (!check_header (root, source_name, error))
    return FALSE;
  return import_document (db, root, replace, summary, error);
}

gboolean
dt_exchange_import_file (DtDatabase       *db,
                         const char       *path,
                         gboolean          replace,
                         DtImportSummary  *summary,
                         GError          **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be read: %s"),
                   path, local_error->message);
      return FALSE;
    }
  return dt_exchange_import_data (db, contents, length, path, replace, summary, error);
}
