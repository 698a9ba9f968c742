/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* An integer field that holds no value. */
#define DT_NO_INT G_MININT

/* Records are plain structs: text, dates (ISO), enumerations and references by code or name
 * are owned strings (NULL when empty); integers use DT_NO_INT for "none". */

typedef struct
{
  char *name;
  char *superior;
  char *place;
  char *symbol;
  char *signer_on_behalf;
  char *signer_title;
  char *signer_name;
  int   margin_top;
  int   margin_bottom;
  int   margin_left;
  int   margin_right;
  int   notice_lead_days;
  int   conclusion_days;
  int   answer_working_days;
} DtUnit;

typedef struct
{
  int   year;
  char **holidays;
  char **workdays;
} DtCalendarYear;

typedef struct
{
  int   quarter;
  int   month;
  char *location;
  char *topic;
} DtPlannedSession;

typedef struct
{
  char      *code;
  int        year;
  char      *number;
  char      *issued;
  char      *title;
  char     **bases;
  char      *purpose;
  int        dialogues_planned;
  int        notice_lead_days;
  int        expected_attendance;
  char     **reports_due;
  GPtrArray *planned_sessions;   /* of DtPlannedSession */
} DtPlan;

typedef struct
{
  char *code;
  char *plan;
  char *kind;
  char *date;
  char *time;
  char *location;
  char *village;
  char *topic;
  char *chair;
  char *secretary;
  char *status;
  char *notice_number;
  char *notice_date;
  int   attendance;
  char *minutes_start;
  char *minutes_end;
  char *composition;
  char *proceedings;
  char *minutes_conclusion;
  char *conclusion_number;
  char *conclusion_date;
} DtSession;

typedef struct
{
  char *date;
  char *text;
  char *number;
} DtPetitionEvent;

typedef struct
{
  char      *code;
  char      *received;
  char      *channel;
  char      *session;
  char      *petitioner;
  char      *address;
  char      *village;
  char      *field;
  char      *summary;
  char      *content;
  gboolean   individual;
  gboolean   confidential;
  char      *duplicate_of;
  char      *answered_date;
  char      *answer;
  char      *assigned_to;
  char      *assigned_date;
  char      *deadline;
  char      *escalated_to;
  char      *escalated_date;
  char      *escalated_number;
  char      *declined_date;
  char      *declined_reason;
  char      *withdrawn_date;
  char      *resolved_date;
  char      *result;
  char      *informed_date;
  GPtrArray *events;             /* of DtPetitionEvent */
} DtPetition;

typedef enum
{
  DT_LIST_VILLAGES,
  DT_LIST_AGENCIES,
  DT_LIST_FIELDS,
} DtList;

DtUnit           *dt_unit_new               (void);
void              dt_unit_free              (DtUnit           *unit);
DtCalendarYear   *dt_calendar_year_new      (int               year);
void              dt_calendar_year_free     (DtCalendarYear   *calendar);
DtPlannedSession *dt_planned_session_new    (void);
void              dt_planned_session_free   (DtPlannedSession *planned);
DtPlan           *dt_plan_new               (void);
void              dt_plan_free              (DtPlan           *plan);
DtSession        *dt_session_new            (void);
void              dt_session_free           (DtSession        *session);
DtPetitionEvent  *dt_petition_event_new     (const char       *date,
                                             const char       *text,
                                             const char       *number);
void              dt_petition_event_free    (DtPetitionEvent  *event);
DtPetition       *dt_petition_new           (void);
void              dt_petition_free          (DtPetition       *petition);

/* Validation alone: every field, in the words of the form. */
gboolean   dt_unit_validate       (const DtUnit       *unit,
                                   GError            **error);
gboolean   dt_calendar_year_validate (const DtCalendarYear *calendar,
                                   GError            **error);
gboolean   dt_plan_validate       (const DtPlan       *plan,
                                   GError            **error);
gboolean   dt_session_validate    (const DtSession    *session,
                                   GError            **error);
gboolean   dt_petition_validate   (const DtPetition   *petition,
                                   GError            **error);

/* Each change below is one transaction (or part of the caller's, when one is open),
 * validated first, normalised to NFC, and written to the audit log. */
DtUnit    *dt_unit_load           (DtDatabase         *db,
                                   GError            **error);
gboolean   dt_unit_save           (DtDatabase         *db,
                                   const DtUnit       *unit,
                                   GError            **error);

char     **dt_list_get            (DtDatabase         *db,
                                   DtList              list,
                                   GError            **error);
gboolean   dt_list_add            (DtDatabase         *db,
                                   DtList              list,
                                   const char         *name,
                                   GError            **error);
gboolean   dt_list_remove         (DtDatabase         *db,
                                   DtList              list,
                                   const char         *name,
                                   GError            **error);

GPtrArray *dt_calendar_list       (DtDatabase         *db,
                                   GError            **error);
gboolean   dt_calendar_save       (DtDatabase         *db,
                                   const DtCalendarYear *calendar,
                                   GError            **error);
gboolean   dt_calendar_reset      (DtDatabase         *db,
                                   int                 year,
                                   GError            **error);

/* insert: the code must be new; update: it must exist; save: either. */
gboolean   dt_plan_insert         (DtDatabase         *db,
                                   const DtPlan       *plan,
                                   GError            **error);
gboolean   dt_plan_update         (DtDatabase         *db,
                                   const DtPlan       *plan,
                                   GError            **error);
DtPlan    *dt_plan_load           (DtDatabase         *db,
                                   const char         *code,
                                   GError            **error);
gboolean   dt_plan_delete         (DtDatabase         *db,
                                   const char         *code,
                                   GError            **error);

gboolean   dt_session_insert      (DtDatabase         *db,
                                   const DtSession    *session,
                                   GError            **error);
gboolean   dt_session_update      (DtDatabase         *db,
                                   const DtSession    *session,
                                   GError            **error);
DtSession *dt_session_load        (DtDatabase         *db,
                                   const char         *code,
                                   GError            **error);
gboolean   dt_session_delete      (DtDatabase         *db,
                                   const char         *code,
                                   GError            **error);

gboolean   dt_petition_insert     (DtDatabase         *db,
                                   const DtPetition   *petition,
                                   GError            **error);
gboolean   dt_petition_update     (DtDatabase         *db,
                                   const DtPetition   *petition,
                                   GError            **error);
DtPetition *dt_petition_load      (DtDatabase         *db,
                                   const char         *code,
                                   GError            **error);
gboolean   dt_petition_delete     (DtDatabase         *db,
                                   const char         *code,
                                   GError            **error);

/* Codes of all records of a kind, in the order they were created. */
char     **dt_plan_list_codes     (DtDatabase         *db,
                                   GError            **error);
char     **dt_session_list_codes  (DtDatabase         *db,
                                   GError            **error);
char     **dt_petition_list_codes (DtDatabase         *db,
                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtUnit, dt_unit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtCalendarYear, dt_calendar_year_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPlan, dt_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtSession, dt_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtPetition, dt_petition_free)

G_END_DECLS
