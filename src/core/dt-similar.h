/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* Petitions that look like the one being typed: likely duplicates (DESIGN §3, duplicate_of). */

typedef enum
{
  DT_SIMILAR_SAME_PERSON   = 1 << 0,   /* the same petitioner, marks and case aside */
  DT_SIMILAR_SAME_PLACE    = 1 << 1,   /* the same village and the same field */
  DT_SIMILAR_SAME_WORDS    = 1 << 2,   /* the summaries share most of their words */
} DtSimilarReasons;

typedef struct
{
  gint64            id;
  char             *code;
  char             *received;
  char             *petitioner;
  gboolean          confidential;
  char             *village;
  char             *field;
  char             *summary;
  DtSimilarReasons  reasons;
  double            words;            /* share of words in common, 0 to 1 */
  double            score;            /* higher is more alike */
} DtSimilarPetition;

/* How far back a likely duplicate is looked for. */
#define DT_SIMILAR_YEARS 2

void       dt_similar_petition_free  (DtSimilarPetition *similar);

/* The petitions most like PETITION (as typed: any field may be empty), best first, at most
 * LIMIT: received in the DT_SIMILAR_YEARS years before its received date (today when it has
 * none) or since, alike by petitioner, by village and field, and by the words of the summary
 * (or of the content when there is no summary yet). PETITION itself (by id) and petitions
 * already marked as duplicates are left out. Nothing alike enough: an empty array. */
GPtrArray *dt_petition_find_similar  (DtDatabase        *db,
                                      const DtPetition  *petition,
                                      guint              limit,
                                      GError           **error);

/* The words that count when comparing summaries: folded (no marks, lower case), without the
 * words every petition uses ("đề nghị", "của" …), each once, sorted. */
char     **dt_similar_words          (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtSimilarPetition, dt_similar_petition_free)

G_END_DECLS
