/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database-private.h"
#include "dt-records.h"

G_BEGIN_DECLS

/* Each record type is described once, field by field, in the order of the exchange format
 * (DESIGN §8). Validation, SQL and JSON are all driven by these tables. */

typedef enum
{
  DT_FIELD_TEXT,
  DT_FIELD_CODE,      /* a record's own code: short, no line breaks */
  DT_FIELD_DATE,
  DT_FIELD_TIME,
  DT_FIELD_INT,
  DT_FIELD_BOOL,
  DT_FIELD_ENUM,
  DT_FIELD_LIST_REF,  /* a name in villages / agencies / fields, added when new */
  DT_FIELD_CODE_REF,  /* the code of another record, which must exist */
  DT_FIELD_STRV,      /* a list of texts in a child table */
  DT_FIELD_DATEV,     /* a list of dates in a child table */
  DT_FIELD_CHILDREN,  /* a list of child records in a child table */
} DtFieldType;

typedef struct _DtEntitySpec DtEntitySpec;

/* One value of an enumeration, with what the form and the documents call it. */
typedef struct
{
  const char *value;
  const char *label;                 /* N_() */
  const char *label_vi;              /* for documents and reports: always Vietnamese */
} DtChoice;

struct _DtFieldInfo
{
  const char          *key;          /* JSON key */
  const char          *group;        /* JSON sub-object holding it, or NULL */
  DtFieldType          type;
  gsize                offset;
  const char          *label;        /* N_() label, as the form names it */
  gboolean             required;
  const char          *column;       /* column written; for lists: value column of the child table */
  const char          *read_column;  /* column read from the view, if not the same */
  const char          *ref_table;    /* referenced table, or child table for lists */
  const DtChoice      *choices;      /* DT_FIELD_ENUM, ending with a NULL value */
  int                  min;
  int                  max;
  const DtEntitySpec  *child;        /* DT_FIELD_CHILDREN */
};

typedef struct _DtFieldInfo DtFieldSpec;

struct _DtEntitySpec
{
  const char        *name;           /* "petition": how errors name the kind of record */
  const char        *label;          /* N_() */
  const char        *table;
  const char        *view;
  const char        *parent_column;  /* child records: the column naming the parent */
  gsize              size;
  GDestroyNotify     free_func;
  const DtFieldSpec *fields;
  guint              n_fields;
};

extern const DtEntitySpec _dt_unit_spec;
extern const DtEntitySpec _dt_rules_spec;
extern const DtEntitySpec _dt_plan_spec;
extern const DtEntitySpec _dt_planned_session_spec;
extern const DtEntitySpec _dt_session_spec;
extern const DtEntitySpec _dt_petition_spec;
extern const DtEntitySpec _dt_petition_event_spec;

#define DT_FIELD_PTR(record, field) ((gpointer) (((guint8 *) (record)) + (field)->offset))
#define DT_FIELD_STR(record, field) (*(char **) DT_FIELD_PTR (record, field))
#define DT_FIELD_INT_VALUE(record, field) (*(int *) DT_FIELD_PTR (record, field))

gpointer  _dt_record_new        (const DtEntitySpec *spec);
void      _dt_record_free       (const DtEntitySpec *spec,
                                 gpointer            record);
gsize     _dt_field_max_chars   (const DtFieldSpec  *field);
gboolean  _dt_field_has_value   (const DtFieldSpec  *field,
                                 const char         *value);
/* A cleaned copy: text in NFC, trimmed, blank → NULL. Fails on text that is not UTF-8. */
gpointer  _dt_record_clean      (const DtEntitySpec *spec,
                                 gconstpointer       record,
                                 GError            **error);
const char *_dt_list_table      (DtList              list);

/* Iterates all records of a kind in creation order. */
typedef gboolean (*DtRecordFunc) (gpointer record, gpointer user_data, GError **error);
gboolean  _dt_records_foreach   (DtDatabase         *db,
                                 const DtEntitySpec *spec,
                                 DtRecordFunc        func,
                                 gpointer            user_data,
                                 GError            **error);
/* Whether TABLE has a row whose COLUMN is VALUE (its id in ID). FALSE both when there is none
 * and on failure, which sets ERROR. */
gboolean  _dt_row_exists        (DtDatabase         *db,
                                 const char         *table,
                                 const char         *column,
                                 const char         *value,
                                 gint64             *id,
                                 GError            **error);
/* Sets or clears a petition's duplicate_of after the fact (imports whose
 * originals come later in the document). */
gboolean  _dt_petition_set_duplicate (DtDatabase  *db,
                                      const char  *code,
                                      const char  *original,
                                      GError     **error);

G_END_DECLS
