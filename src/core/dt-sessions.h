/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-records.h"

G_BEGIN_DECLS

/* The sessions and their minutes as the sessions tab works on them (DESIGN §4, tab 3). */

typedef struct
{
  DtSession *session;
  GDate      notice_due;         /* the session's date minus the lead days */
  GDate      conclusion_due;     /* its date plus the conclusion days */
  /* Late as of the day asked: recorded after the due date, or missing once it has passed.
   * Only planned and held sessions have a notice due, only held ones a conclusion. */
  gboolean   notice_late;
  gboolean   conclusion_late;
  guint      petitions;          /* opinions raised there */
  guint      open;               /* of which still open as of the day asked */
} DtSessionInfo;

void           dt_session_info_free       (DtSessionInfo *info);
/* The sessions whose date is in YEAR (0: every year), newest first, as of AS_OF. */
GPtrArray     *dt_session_infos           (DtDatabase    *db,
                                           int            year,
                                           const GDate   *as_of,
                                           GError       **error);
DtSessionInfo *dt_session_info_load       (DtDatabase    *db,
                                           const char    *code,
                                           const GDate   *as_of,
                                           GError       **error);

/* The years that have sessions, the latest first. */
GArray        *dt_session_years           (DtDatabase    *db,
                                           GError       **error);

/* The codes of the petitions raised at the session, in the order they were recorded. */
char         **dt_session_petition_codes  (DtDatabase    *db,
                                           const char    *code,
                                           GError       **error);

/* Records an opinion raised at the session CODE as a petition: channel "at the session",
 * received on the session's day, under the next petition code of that year, which is
 * returned. OPINION gives the rest (petitioner, village, field, summary …); when it holds an
 * answer, the opinion was answered on the spot, on the session's day. */
char          *dt_session_add_opinion     (DtDatabase       *db,
                                           const char       *code,
                                           const DtPetition *opinion,
                                           GError          **error);

/* The conclusion notice (DESIGN §2): its number and date recorded on the held session, and
 * each petition of PETITIONS assigned to the agency at the same index of AGENCIES (NULL:
 * left unassigned) on that date, which sets its deadline. All or nothing. */
gboolean       dt_session_conclude        (DtDatabase          *db,
                                           const char          *code,
                                           const char          *number,
                                           const char          *date,
                                           const char * const  *petitions,
                                           const char * const  *agencies,
                                           GError             **error);

/* Postpones or cancels a planned session (STATUS "postponed" or "cancelled") with the
 * REASON, which is required; "planned" takes it back to the schedule. */
gboolean       dt_session_set_status      (DtDatabase    *db,
                                           const char    *code,
                                           const char    *status,
                                           const char    *reason,
                                           GError       **error);

typedef enum
{
  DT_SESSION_PETITIONS_REFUSE,   /* delete only a session without petitions */
  DT_SESSION_PETITIONS_MOVE,     /* move them to another session first */
  DT_SESSION_PETITIONS_DELETE,   /* delete them with it */
} DtSessionPetitions;

/* Deletes a session; its petitions are never left pointing nowhere: WHAT says what becomes
 * of them (MOVE_TO: the other session's code). */
gboolean       dt_session_delete_full     (DtDatabase          *db,
                                           const char          *code,
                                           DtSessionPetitions   what,
                                           const char          *move_to,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtSessionInfo, dt_session_info_free)

G_END_DECLS
