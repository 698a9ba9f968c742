/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#ifdef G_OS_UNIX
# include <unistd.h>
#endif

#include "dt-error.h"
#include "dt-output.h"
#include "dt-util.h"

#ifdef G_OS_UNIX
# include <sys/mman.h>
# include <unistd.h>
#endif

static void
assert_typed (const char *text,
              const char *expected_iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = dt_date_parse_typed_iso (text, &error);

  if (error != NULL)
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_cmpstr (iso, ==, expected_iso);
}

/* Refused with DT_ERROR_INVALID and a message that contains EXPECTED. */
static void
assert_refused (const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (dt_date_parse_typed (text, &date, &error))
    g_error ("“%s” was taken as %u/%u/%u", text, g_date_get_day (&date),
             g_date_get_month (&date), g_date_get_year (&date));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s”: the message “%s” does not say “%s”", text, error->message, expected);
  /* Nothing is half set. */
  g_assert_false (g_date_valid (&date));
  g_assert_null (dt_date_parse_typed_iso (text, NULL));
}

static void
test_typed_forms (void)
{
  assert_typed ("15/4/2025", "2025-04-15");
  assert_typed ("5/4/2025", "2025-04-05");
  assert_typed ("05/04/2025", "2025-04-05");
  assert_typed ("1/1/1900", "1900-01-01");
  assert_typed ("31/12/2100", "2100-12-31");
  assert_typed ("15-4-25", "2025-04-15");
  assert_typed ("15-04-2025", "2025-04-15");
  assert_typed ("15.04.2025", "2025-04-15");
  assert_typed ("2025-04-15", "2025-04-15");
  assert_typed ("2025-4-5", "2025-04-05");
  assert_typed ("29/2/2024", "2024-02-29");
  assert_typed ("29/2/2000", "2000-02-29");
  /* Spaces around it, the no-break space a word processor pastes included. */
  assert_typed ("  15/4/2025\t", "2025-04-15");
  assert_typed ("\u00a015/4/2025\u00a0", "2025-04-15");
}

static void
test_typed_two_digit_years (void)
{
  /* main () set today to 26/11/2026: up to 20 years ahead, otherwise the century before. */
  assert_typed ("1/1/00", "2000-01-01");
  assert_typed ("15/4/26", "2026-04-15");
  assert_typed ("15/4/46", "2046-04-15");
  assert_typed ("15/4/47", "1947-04-15");
  assert_typed ("15.4.99", "1999-04-15");

  /* The window never reaches past the last year the program accepts. */
  g_setenv ("DOITHOAI_TODAY", "2090-06-01", TRUE);
  assert_typed ("1/1/10", "2010-01-01");
  assert_typed ("1/1/00", "2100-01-01");
  assert_typed ("1/1/01", "2001-01-01");
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);
}

static void
test_typed_refused (void)
{
  const char *format = "Type the date as day/month/year, for example 15/4/2025.";

  assert_refused (NULL, format);
  assert_refused ("", format);
  assert_refused ("   ", format);
  assert_refused ("hôm qua", format);
  assert_refused ("15/4", format);
  assert_refused ("15/4/", format);
  assert_refused ("15/4/2025/1", format);
  assert_refused ("15/4-2025", format);
  assert_refused ("15 4 2025", format);
  assert_refused ("15/4/202", format);
  assert_refused ("15/4/5", format);
  assert_refused ("15/4/20255", format);
  assert_refused ("150/4/2025", format);
  assert_refused ("15/004/2025", format);
  assert_refused ("2025/4/15", format);
  assert_refused ("2025-04-15x", format);
  assert_refused ("+15/4/2025", format);
  assert_refused ("15/4/2025 8:00", format);

  assert_refused ("31/4/2025", "Month 4 of 2025 has no day 31.");
  assert_refused ("29/2/2025", "Month 2 of 2025 has no day 29.");
  assert_refused ("29/2/1900", "Month 2 of 1900 has no day 29.");
  assert_refused ("0/4/2025", "Month 4 of 2025 has no day 0.");
  assert_refused ("2025-02-30", "Month 2 of 2025 has no day 30.");
  assert_refused ("4/15/2025", "There is no month 15");
  assert_refused ("15/0/2025", "There is no month 0");
  assert_refused ("1/1/1899", "from 1900 to 2100");
  assert_refused ("1/1/2101", "The year 2101");
  assert_refused ("2101-01-01", "from 1900 to 2100");
  /* Found by fuzzing: text that is not UTF-8 was read past its end (a byte that begins a
   * character of three or four, last before the end, sends a walk by characters beyond the
   * terminating zero). Each is put against a page that cannot be read, so that reading past
   * it stops the test. */
  {
    static const char * const broken[] = {
      "\377\377~\377\377-\377\337\377\355'\356\037\340", "15/4/2025\360", "Th\303", "\364",
    };

    for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
      {
        g_autofree char *clean = NULL;
        g_autofree char *nfc = NULL;
        gsize size = strlen (broken[i]) + 1;
        char *text;
#ifdef G_OS_UNIX
        long page = sysconf (_SC_PAGESIZE);
        char *pages = mmap (NULL, (size_t) page * 2, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        g_assert_true (pages != MAP_FAILED);
        g_assert_cmpint (mprotect (pages + page, (size_t) page, PROT_NONE), ==, 0);
        text = pages + page - size;
#else
        text = g_malloc (size);
#endif
        memcpy (text, broken[i], size);
        clean = dt_text_clean (text);
        nfc = dt_utf8_nfc (text);
        assert_refused (text, format);
        g_assert_null (clean);
        g_assert_null (nfc);
#ifdef G_OS_UNIX
        munmap (pages, (size_t) page * 2);
#else
        g_free (text);
#endif
      }
  }
}

static void
test_display_round_trip (void)
{
  GDate date;

  g_date_clear (&date, 1);
  for (guint32 julian = 693596; julian < 693596 + 3 * 366; julian += 17)
    {
      g_autofree char *shown = NULL;
      GDate back;
      g_autoptr(GError) error = NULL;

      g_date_set_julian (&date, julian);
      shown = dt_date_format_display (&date);
      g_assert_cmpuint (strlen (shown), ==, 10);
      g_assert_true (dt_date_parse_typed (shown, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
    }

  g_date_set_dmy (&date, 5, 4, 2025);
  {
    g_autofree char *shown = dt_date_format_display (&date);
    g_autofree char *from_iso = dt_date_to_display ("2025-04-05");

    g_assert_cmpstr (shown, ==, "05/04/2025");
    g_assert_cmpstr (from_iso, ==, "05/04/2025");
  }
}

/* The message is BEFORE, then PATH, then AFTER. */
static void
assert_file_error (const GError *error,
                   const char   *before,
                   const char   *path,
                   const char   *after)
{
  g_autofree char *expected = g_strconcat (before, path, after, NULL);

  g_assert_error (error, DT_ERROR, DT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_file_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("doithoai-util-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "thiếu.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "thư mục", NULL);
  g_autofree char *in_missing = g_build_filename (dir, "không có", "ra.json", NULL);
  g_autofree char *good = g_build_filename (dir, "có.json", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  g_assert_false (dt_file_read (missing, &contents, &length, &error));
  assert_file_error (error, "There is no file “", missing, "”.");
  g_clear_error (&error);
  g_assert_false (dt_file_read (folder, &contents, &length, &error));
  assert_file_error (error, "“", folder, "” is a folder, not a file.");
  g_clear_error (&error);
  g_assert_false (dt_file_check_readable (missing, &error));
  assert_file_error (error, "There is no file “", missing, "”.");
  g_clear_error (&error);
  g_assert_false (dt_file_check_readable (folder, &error));
  assert_file_error (error, "“", folder, "” is a folder, not a file.");
  g_clear_error (&error);

  /* Writing: the message names the file asked for, never the temporary one beside it. */
  g_assert_false (dt_file_check_writable (in_missing, &error));
  assert_file_error (error, "The folder for “", in_missing, "” does not exist.");
  g_clear_error (&error);
  g_assert_false (dt_output_write_file (in_missing, NULL, "{}", 2, &error));
  assert_file_error (error, "The folder for “", in_missing, "” does not exist.");
  g_clear_error (&error);
  g_assert_false (dt_file_check_writable (folder, &error));
  assert_file_error (error, "“", folder, "” is a folder, not a file.");
  g_clear_error (&error);
  g_assert_false (dt_output_write_file (folder, NULL, "{}", 2, &error));
  assert_file_error (error, "“", folder, "” is a folder, not a file.");
  g_clear_error (&error);

  /* And when all is well. */
  g_assert_true (dt_file_check_writable (good, &error));
  g_assert_no_error (error);
  g_assert_true (dt_output_write_file (good, NULL, "{}", 2, &error));
  g_assert_no_error (error);
  g_assert_true (dt_file_check_readable (good, &error));
  g_assert_no_error (error);
  g_assert_true (dt_file_read (good, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "{}");
  g_assert_cmpuint (length, ==, 2);

  g_remove (good);
  g_rmdir (folder);
  g_rmdir (dir);
}

/* One file under every spelling, by identity; names that do not exist yet by folder and name. */
static void
test_file_same (void)
{
  g_autofree char *dir = g_dir_make_tmp ("doithoai-same-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "Dữ liệu báo cáo", NULL);
  g_autofree char *file = g_build_filename (folder, "doithoai.sqlite", NULL);
  g_autofree char *dotted = g_build_filename (dir, "Dữ liệu báo cáo", ".", "doithoai.sqlite", NULL);
  g_autofree char *around = g_build_filename (folder, "..", "Dữ liệu báo cáo", "doithoai.sqlite",
                                              NULL);
  g_autofree char *other = g_build_filename (folder, "khác.sqlite", NULL);
  g_autofree char *wal = g_build_filename (folder, "doithoai.sqlite-wal", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "doithoai.sqlite-wal", NULL);
  g_autofree char *cwd = g_get_current_dir ();

  g_assert_nonnull (dir);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  g_assert_true (g_file_set_contents (other, "x", -1, NULL));

  g_assert_true (dt_file_same (file, file));
  g_assert_true (dt_file_same (file, dotted));
  g_assert_true (dt_file_same (around, file));
  g_assert_false (dt_file_same (file, other));
  /* One exists, the other not: never the same. */
  g_assert_false (dt_file_same (file, wal));
  /* Neither exists: the same name in the same folder only. */
  {
    g_autofree char *wal_around = g_strconcat (around, "-wal", NULL);

    g_assert_true (dt_file_same (wal, wal_around));
  }
  g_assert_false (dt_file_same (wal, elsewhere));

  /* A relative name is the same file as the absolute one. */
  g_assert_cmpint (g_chdir (folder), ==, 0);
  g_assert_true (dt_file_same ("doithoai.sqlite", file));
  g_assert_true (dt_file_same ("doithoai.sqlite-wal", wal));
  g_assert_cmpint (g_chdir (cwd), ==, 0);

#ifdef G_OS_WIN32
  /* Windows ignores letter case in names: DOITHOAI.SQLITE is the database itself. */
  {
    g_autofree char *upper = g_build_filename (folder, "DOITHOAI.SQLITE", NULL);
    g_autofree char *upper_wal = g_build_filename (folder, "DOITHOAI.SQLITE-WAL", NULL);

    g_assert_true (dt_file_same (upper, file));
    g_assert_true (dt_file_same (upper_wal, wal));
  }
#endif
#ifdef G_OS_UNIX
  /* Links lead to the same file. */
  {
    g_autofree char *symbolic = g_build_filename (dir, "link.sqlite", NULL);
    g_autofree char *hard = g_build_filename (dir, "hard.sqlite", NULL);
    g_autofree char *folder_link = g_build_filename (dir, "folder-link", NULL);
    g_autofree char *through = g_build_filename (folder_link, "doithoai.sqlite-wal", NULL);

    g_assert_cmpint (symlink (file, symbolic), ==, 0);
    g_assert_cmpint (link (file, hard), ==, 0);
    g_assert_cmpint (symlink (folder, folder_link), ==, 0);
    g_assert_true (dt_file_same (symbolic, file));
    g_assert_true (dt_file_same (hard, file));
    g_assert_true (dt_file_same (through, wal));
    g_remove (symbolic);
    g_remove (hard);
    g_remove (folder_link);
  }
#endif

  g_remove (file);
  g_remove (other);
  g_rmdir (folder);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("DOITHOAI_TODAY", "2026-11-26", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/util/date-typed-forms", test_typed_forms);
  g_test_add_func ("/core/util/date-typed-two-digit-years", test_typed_two_digit_years);
  g_test_add_func ("/core/util/date-typed-refused", test_typed_refused);
  g_test_add_func ("/core/util/date-display-round-trip", test_display_round_trip);
  g_test_add_func ("/core/util/file-messages", test_file_messages);
  g_test_add_func ("/core/util/file-same", test_file_same);

  return g_test_run ();
}
