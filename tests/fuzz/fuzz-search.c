/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Search queries as typed (dt_search_petition_ids, dt_search_build_prefix_query) against a
 * small office: never a crash and never an SQL or FTS5 error, whatever is typed; a query is
 * either answered, with ids that exist, or refused as too long or not text (DT_ERROR_INVALID)
 * with a short message. */
#include "config.h"

#include <glib/gstdio.h>

#include "dt-database.h"
#include "dt-error.h"
#include "dt-records.h"
#include "dt-search.h"
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

static void
set_up (void)
{
  static const char * const people[][3] = {
    { "Nguyễn Văn An", "Thôn Đông, xã Thạch Lạc", "Đề nghị sửa đường liên thôn" },
    { "Trần Thị Bình", "Hà Tĩnh", "Phản ánh tình trạng rác thải \"ô nhiễm\" ở chợ" },
    { "Đặng Thị Hương", NULL, "Kiến nghị (khẩn) về đất đai: cấp giấy chứng nhận* OR NOT" },
    { "Lê Văn Sơn", "Thạch Hà", "Đường NEAR cống; hỏi giá^2 - điện" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  folder = g_dir_make_tmp ("doithoai-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "fuzz.sqlite", NULL);
  db = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(DtPetition) petition = dt_petition_new ();

      petition->code = g_strdup_printf ("2025-%04u", i + 1);
      petition->received = g_strdup ("2025-04-15");
      petition->channel = g_strdup ("direct");
      petition->petitioner = g_strdup (people[i][0]);
      petition->address = g_strdup (people[i][1]);
      petition->summary = g_strdup (people[i][2]);
      dt_petition_insert (db, petition, &error);
      g_assert_no_error (error);
    }
  atexit (clean_up);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *query = fuzz_string (data, size);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *match = NULL;

  if (db == NULL)
    set_up ();

  ids = dt_search_petition_ids (db, query, 10, &error);
  if (ids != NULL)
    {
      FUZZ_CHECK (error == NULL, "ids and an error");
      FUZZ_CHECK (ids->len <= 4, "%u ids for 4 petitions", ids->len);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          FUZZ_CHECK (id >= 1 && id <= 4, "id %" G_GINT64_FORMAT, id);
          for (guint j = 0; j < i; j++)
            FUZZ_CHECK (g_array_index (ids, gint64, j) != id, "id %" G_GINT64_FORMAT " twice", id);
        }
    }
  else
    {
      FUZZ_CHECK (g_error_matches (error, DT_ERROR, DT_ERROR_INVALID), "“%s”: %s", query,
                  error != NULL ? error->message : "no error");
      fuzz_check_message (error, 1000);
    }
  g_clear_error (&error);

  if (!dt_search_build_prefix_query (query, &match, &error))
    {
      FUZZ_CHECK (g_error_matches (error, DT_ERROR, DT_ERROR_INVALID), "“%s”: %s", query,
                  error != NULL ? error->message : "no error");
      fuzz_check_message (error, 1000);
    }
  else if (match != NULL)
    FUZZ_CHECK (g_utf8_validate (match, -1, NULL), "MATCH not UTF-8");
  return 0;
}
