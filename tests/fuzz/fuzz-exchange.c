/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exchange import (dt_exchange_import_data) of any document: never a crash, never a
 * message longer than a few lines or carrying the input's control characters; a rejected
 * document leaves the database exactly as it was; an accepted one exports again as JSON that
 * imports the same. Each input is imported inside a transaction undone afterwards, so that
 * every input meets the same database: one small office. */
#include "config.h"

#include <jansson.h>
#include <glib/gstdio.h>

#include "dt-database-private.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "fuzz-common.h"

static DtDatabase *db;
static char *folder;

static void
clean_up (void)
{
  g_autofree char *path = g_build_filename (folder, "fuzz.sqlite", NULL);
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&db);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (folder);
}

/* One of each kind of record, so that codes and names meet existing ones. */
static const char office[] =
  "{\"format\": \"doithoai-exchange\", \"version\": 1,"
  " \"unit\": {\"name\": \"ĐẢNG BỘ XÃ THẠCH LẠC\", \"place\": \"Thạch Lạc\"},"
  " \"villages\": [\"Thôn Đông\"], \"agencies\": [\"UBND xã\"], \"fields\": [\"Đất đai\"],"
  " \"plans\": [{\"code\": \"KH-2025\", \"year\": 2025}],"
  " \"sessions\": [{\"code\": \"HN-2025-01\", \"plan\": \"KH-2025\", \"kind\": \"dialogue\","
  "   \"date\": \"2025-04-15\", \"status\": \"held\"}],"
  " \"petitions\": [{\"code\": \"2025-0001\", \"received\": \"2025-04-15\","
  "   \"channel\": \"session\", \"session\": \"HN-2025-01\", \"summary\": \"Sửa đường\","
  "   \"petitioner\": \"Trần Thị Bình\","
  "   \"assigned_to\": \"UBND xã\", \"assigned_date\": \"2025-04-22\"}]}";

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  folder = g_dir_make_tmp ("doithoai-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "fuzz.sqlite", NULL);
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dt_exchange_import_data (db, office, strlen (office), "office.json", FALSE, NULL, &error);
  g_assert_no_error (error);
  atexit (clean_up);
}

static gint64
total (void)
{
  static const char * const tables[] = {
    "villages", "agencies", "fields", "calendar_years", "calendar_days", "plans",
    "planned_sessions", "sessions", "petitions", "petition_events", "audit_log",
  };
  gint64 n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    n = n * 31 + dt_database_count (db, tables[i], NULL);
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  DtImportSummary summary;
  gboolean replace = size > 0 && (data[size - 1] & 1);
  gint64 before;
  gboolean ok;

  if (db == NULL)
    set_up ();
  before = total ();

  g_assert_true (_dt_database_savepoint (db, &error));
  ok = dt_exchange_import_data (db, (const char *) data, size, "fuzz.json", replace, &summary,
                                &error);
  if (!ok)
    {
      fuzz_check_message (error, 2000);
      FUZZ_CHECK (error->domain == DT_ERROR || error->domain == G_IO_ERROR, "domain %s: %s",
                  g_quark_to_string (error->domain), error->message);
      FUZZ_CHECK (dt_error_exit_status (error) == 2, "exit %d for a bad document: %s",
                  dt_error_exit_status (error), error->message);
      FUZZ_CHECK (total () == before, "a rejected import changed the database: %s",
                  error->message);
    }
  else
    {
      g_autofree char *exported = NULL;
      g_autoptr(GError) again = NULL;
      json_error_t json_error;
      json_t *parsed;

      exported = dt_exchange_export_string (db, FALSE, &again);
      FUZZ_CHECK (exported != NULL, "export after an import: %s", again->message);
      parsed = json_loads (exported, 0, &json_error);
      FUZZ_CHECK (parsed != NULL, "the export is not JSON: %s", json_error.text);
      json_decref (parsed);
      /* What was exported imports again over itself, with --replace. */
      FUZZ_CHECK (dt_exchange_import_data (db, exported, strlen (exported), "again.json", TRUE,
                                           NULL, &again),
                  "the export does not import again: %s", again->message);
    }
  _dt_database_undo (db);
  FUZZ_CHECK (total () == before, "the undo left changes");
  return 0;
}
