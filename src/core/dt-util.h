/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Earliest and latest years the program accepts in a date. */
#define DT_YEAR_MIN 1900
#define DT_YEAR_MAX 2100

int       dt_strcmp_p          (const char **a,
                                const char **b);

/* TRUE for a real calendar date written YYYY-MM-DD between 1900 and 2100. */
gboolean  dt_date_parse        (const char  *text,
                                GDate       *date);
gboolean  dt_date_is_valid     (const char  *text);
char     *dt_date_to_iso       (const GDate *date);
/* dd/mm/yyyy, as Vietnamese documents write dates in running text. */
char     *dt_date_to_display   (const char  *iso);
gboolean  dt_time_is_valid     (const char  *text);
/* Today, or DOITHOAI_TODAY when it is set to a valid date. */
void      dt_today             (GDate       *date);
char     *dt_today_iso         (void);

/* TEXT in NFC (NULL for text that is not UTF-8); quick for text that is NFC already. */
char     *dt_utf8_nfc          (const char  *text);
/* NFC, surrounding white space removed; NULL for NULL, empty or blank input. */
char     *dt_text_clean        (const char  *text);

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
