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
  char *status_reason;           /* why it was postponed or cancelled */
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
  gint64     id;                 /* the row, once loaded or inserted; 0 for a new one */
  gint64     revision;           /* as loaded: an update refuses a row changed since; 0: none */
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
  char      *concerns;           /* "organisation", "official", or NULL for neither */
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

/* Validation alone: the first problem (dt_*_validate) or every one (dt_*_problems: GErrors,
 * empty when the record is right). Each error names its field: dt_error_get_field (). */
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
GPtrArray *dt_unit_problems       (const DtUnit       *unit);
GPtrArray *dt_plan_problems       (const DtPlan       *plan);
GPtrArray *dt_session_problems    (const DtSession    *session);
GPtrArray *dt_petition_problems   (const DtPetition   *petition);

/* The fields of each kind of record, read-only, so that forms are built from the same tables
 * as validation, storage and the exchange format. */
typedef enum
{
  DT_RECORD_UNIT,
  DT_RECORD_RULES,
  DT_RECORD_PLAN,
  DT_RECORD_PLANNED_SESSION,
  DT_RECORD_SESSION,
  DT_RECORD_PETITION,
  DT_RECORD_EVENT,
} DtRecordKind;

typedef enum
{
  DT_FIELD_KIND_TEXT,        /* free text, line breaks allowed */
  DT_FIELD_KIND_LINE,        /* a code: one line */
  DT_FIELD_KIND_DATE,        /* ISO in the record */
  DT_FIELD_KIND_TIME,        /* HH:MM */
  DT_FIELD_KIND_NUMBER,
  DT_FIELD_KIND_FLAG,
  DT_FIELD_KIND_CHOICE,      /* one of the field's values */
  DT_FIELD_KIND_NAME,        /* a name of the villages, agencies or fields lists */
  DT_FIELD_KIND_REFERENCE,   /* the code of another record */
  DT_FIELD_KIND_TEXTS,
  DT_FIELD_KIND_DATES,
  DT_FIELD_KIND_RECORDS,
} DtFieldKind;

typedef struct _DtFieldInfo DtFieldInfo;

guint              dt_record_get_n_fields          (DtRecordKind       kind);
const DtFieldInfo *dt_record_get_field             (DtRecordKind       kind,
                                                    guint              index);
/* KEY as in the exchange format ("received"); NULL when there is none. */
const DtFieldInfo *dt_record_find_field            (DtRecordKind       kind,
                                                    const char        *key);
const char        *dt_field_info_get_key           (const DtFieldInfo *info);
/* In the interface language. */
const char        *dt_field_info_get_label         (const DtFieldInfo *info);
DtFieldKind        dt_field_info_get_kind          (const DtFieldInfo *info);
gboolean           dt_field_info_is_required       (const DtFieldInfo *info);
/* 0 for fields that are not text. */
guint              dt_field_info_get_max_chars     (const DtFieldInfo *info);
void               dt_field_info_get_range         (const DtFieldInfo *info,
                                                    int               *min,
                                                    int               *max);
/* Choices: their stable values, and what the form (or a document) calls them. */
guint              dt_field_info_get_n_values      (const DtFieldInfo *info);
const char        *dt_field_info_get_value         (const DtFieldInfo *info,
                                                    guint              index);
const char        *dt_field_info_get_value_label   (const DtFieldInfo *info,
                                                    const char        *value);
const char        *dt_field_info_get_value_label_vi (const DtFieldInfo *info,
                                                    const char        *value);
/* The same in one call, e.g. (DT_RECORD_PETITION, "channel", "front"). */
const char        *dt_choice_label                 (DtRecordKind       kind,
                                                    const char        *key,
                                                    const char        *value);
const char        *dt_choice_label_vi              (DtRecordKind       kind,
                                                    const char        *key,
                                                    const char        *value);

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

/* insert: the code must be new, and the new row's id is returned (0 on failure); update: it
 * must exist. An update writes only what changed, and leaves the items of a list that did not
 * change alone. */
gint64     dt_plan_insert         (DtDatabase         *db,
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

gint64     dt_session_insert      (DtDatabase         *db,
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

gint64     dt_petition_insert     (DtDatabase         *db,
                                   const DtPetition   *petition,
                                   GError            **error);
/* By id when PETITION->id is set (then the code may change), else by code. When
 * PETITION->revision is set (as dt_petition_load () sets it), a row changed since is left as
 * it is and DT_ERROR_CONFLICT returned. */
gboolean   dt_petition_update     (DtDatabase         *db,
                                   const DtPetition   *petition,
                                   GError            **error);
DtPetition *dt_petition_load_by_id (DtDatabase        *db,
                                   gint64              id,
                                   GError            **error);
gboolean   dt_petition_delete_by_id (DtDatabase       *db,
                                   gint64              id,
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
