/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Earliest and latest years the program accepts in a date. */
#define DT_YEAR_MIN 1900
#define DT_YEAR_MAX 2100

int       dt_strcmp_p          (const char **a,
                                const char **b);
int       dt_int64_compare     (const gint64 *a,
                                const gint64 *b);

/* TRUE for a real calendar date written YYYY-MM-DD between 1900 and 2100. */
gboolean  dt_date_parse        (const char  *text,
                                GDate       *date);
gboolean  dt_date_is_valid     (const char  *text);
char     *dt_date_to_iso       (const GDate *date);
/* dd/mm/yyyy, as Vietnamese documents write dates in running text. */
char     *dt_date_to_display   (const char  *iso);
char     *dt_date_format_display (const GDate *date);
/* A date as a person types it in a form: d/m/yyyy, dd/mm/yyyy, d-m-yy, dd.mm.yyyy (day first,
 * one separator throughout) or ISO yyyy-mm-dd, with spaces around it. A two-digit year is
 * the one ending in those digits within 20 years after this year and 79 before it (in 2026:
 * 00..46 are 2000..2046, 47..99 are 1947..1999). Fails with DT_ERROR_INVALID and a message
 * that tells the person what to type. */
gboolean  dt_date_parse_typed  (const char  *text,
                                GDate       *date,
                                GError     **error);
/* The same, as YYYY-MM-DD (NULL on error). */
char     *dt_date_parse_typed_iso (const char  *text,
                                   GError     **error);
gboolean  dt_time_is_valid     (const char  *text);
/* Today, or DOITHOAI_TODAY when it is set to a valid date. */
void      dt_today             (GDate       *date);
char     *dt_today_iso         (void);

/* TEXT in NFC (NULL for text that is not UTF-8); quick for text that is NFC already. */
char     *dt_utf8_nfc          (const char  *text);
/* NFC, surrounding white space removed; NULL for NULL, empty or blank input. */
char     *dt_text_clean        (const char  *text);

/* Reads a whole file. Errors (DT_ERROR_IO) name PATH and say what is wrong in the program's
 * own words: no such file, a folder, not allowed; so do those of the functions below. */
gboolean  dt_file_read         (const char  *path,
                                char       **contents,
                                gsize       *length,
                                GError     **error);
/* Before any work: PATH is a file that can be opened for reading. */
gboolean  dt_file_check_readable (const char  *path,
                                  GError     **error);
/* Before any work: PATH is not a folder, and the folder it goes into exists. */
gboolean  dt_file_check_writable (const char  *path,
                                  GError     **error);
/* TRUE when A and B name one file, however they are spelt: files that exist are compared by
 * identity (G_FILE_ATTRIBUTE_ID_FILE: device and inode, or volume and file index on Windows),
 * which sees through symbolic and hard links, "..", letter case and 8.3 short names on
 * Windows. A name that does not exist yet is the same as another one that does not exist
 * either when both are in the same folder (by identity) under the same name (letter case
 * ignored on Windows and macOS, whose file systems ignore it); so are files on a file system
 * without file numbers. For every check that a file is not the live database. */
gboolean  dt_file_same         (const char  *a,
                                const char  *b);
/* ERROR (DT_ERROR_IO) in the program's own words for CAUSE, a GFileError or GIOError met
 * reading or WRITING the file PATH: no folder, a folder, not allowed, disk full … */
void      dt_file_set_error    (GError      **error,
                                const char   *path,
                                gboolean      writing,
                                const GError *cause);
/* TEXT made safe to show inside a message: at most MAX_CHARS characters (then “…”), control
 * characters escaped (\n, \u001B), bytes that are not UTF-8 shown as \xFF. LENGTH in bytes,
 * or -1 up to a NUL. */
char     *dt_text_quote        (const char  *text,
                                gssize       length,
                                guint        max_chars);

/* Long operations report how far they are, from 0 to 1. */
typedef void (*DtProgressFunc) (double    fraction,
                                gpointer  user_data);

G_END_DECLS
