/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower case, no marks, đ → d: "Đường Nguyễn" → "duong nguyen". NFC or not, same result. */
char  *dt_text_fold          (const char  *text);
/* A key that sorts Vietnamese in dictionary order with strcmp (a ă â b c d đ e ê …, then the
 * tones: none, huyền, hỏi, ngã, sắc, nặng, then lower before upper case), whatever the
 * system locale. */
char  *dt_text_sort_key      (const char  *text);
int    dt_text_compare       (const char  *a,
                              const char  *b);
/* TEXT with each of SECRETS (NULL-terminated; NULL, empty or one-letter entries skipped)
 * replaced by MASK wherever it is written as whole words, matched as the search matches: case
 * and marks aside, đ = d (“Trần Thị Bình”, “TRAN THI BINH”, “tran thi binh”). NULL for
 * NULL. */
char  *dt_text_mask          (const char         *text,
                              const char * const *secrets,
                              const char         *mask);
/* What identifies a person who asked to stay confidential, for dt_text_mask (): the name, the
 * address, and the address's first part ("Số 12 ngõ 3" of "Số 12 ngõ 3, Thôn Đông"), which
 * texts often give alone. NULL and empty parts left out; free with g_strfreev (). */
char **dt_text_person_secrets (const char *name,
                               const char *address);
/* Splits a search into words the way the index does: runs of letters and digits. */
char **dt_text_words         (const char  *text);
/* "ngày 05 tháng 4 năm 2025": day under 10 and months 1–2 padded (DESIGN §5). */
char  *dt_text_date_words    (const GDate *date);
/* "Thạch Lạc, ngày 05 tháng 4 năm 2025" */
char  *dt_text_date_line     (const char  *place,
                              const GDate *date);

G_END_DECLS
