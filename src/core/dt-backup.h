/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "dt-database.h"

G_BEGIN_DECLS

/* Copies of the database kept beside it, in the folder “Sao lưu” (dt_backup_folder ()), one
 * file each, named after the database and the moment it was made:
 * doithoai-2026-11-26-083015-hang-ngay.sqlite. Each copy is made with SQLite's online backup
 * (a consistent snapshot even while others write), checked with PRAGMA quick_check before it
 * takes its name, and readable by its owner only. */

typedef enum
{
  DT_BACKUP_DAILY,      /* the first start of a day: kept 14 days, and one a month for 12 months */
  DT_BACKUP_MIGRATION,  /* the file as it was before this version brought its schema up to date */
  DT_BACKUP_RESTORE,    /* the file as it was before a restore replaced it */
  DT_BACKUP_MANUAL,     /* asked for: doithoai-cli backup, the window's Back up */
  DT_BACKUP_OTHER,      /* a database file put in the folder by someone else */
} DtBackupKind;

/* The days of daily copies kept, and the months (the newest copy of each). */
#define DT_BACKUP_KEEP_DAYS   14
#define DT_BACKUP_KEEP_MONTHS 12

typedef struct
{
  char         *path;
  DtBackupKind  kind;
  GDateTime    *made;          /* local time, from the name (else the file's time) */
  goffset       size;          /* bytes */
  /* Read from the copy itself. */
  gboolean      readable;      /* a DoiThoai database this program can open */
  char         *problem;       /* why not, in a sentence; NULL when readable */
  int           schema_version;
  gint64        plans;
  gint64        sessions;
  gint64        petitions;
} DtBackup;

void        dt_backup_free            (DtBackup      *backup);
/* The kind's name for people ("daily", "before an update", …), translated. */
const char *dt_backup_kind_label      (DtBackupKind   kind);

/* DATABASE_PATH's folder for backups: “Sao lưu” beside it. */
char       *dt_backup_folder          (const char    *database_path);

/* The copies of DATABASE_PATH in its backup folder, newest first (DtBackup). No folder: none.
 * Cheap enough for a dialog: each copy is opened only to count its records. */
GPtrArray  *dt_backup_list            (const char    *database_path,
                                       GError       **error);

/* A new copy of DB in its backup folder. */
DtBackup   *dt_backup_make            (DtDatabase    *db,
                                       DtBackupKind   kind,
                                       GError       **error);

/* What the window and the console call once the database is open: on the first start of a
 * day (dt_today ()), a daily copy, then the old daily copies beyond what is kept are removed.
 * A copy of a large office takes a few seconds (2 s for the 400 MB of 100,000 petitions):
 * the window calls it from a worker thread, on a connection of its own.
 * TRUE with *MADE left NULL when nothing was to be done: a copy of today exists, the database
 * is read-only, or nothing was ever written in it. MADE may be NULL. */
gboolean    dt_backup_at_start        (DtDatabase    *db,
                                       DtBackup     **made,
                                       GError       **error);

/* PATH is a DoiThoai database this program can open and it passes SQLite's checks: the full
 * integrity_check when FULL, else the quicker quick_check. DT_ERROR_INVALID naming PATH and
 * what is wrong otherwise. */
gboolean    dt_backup_verify          (const char    *path,
                                       gboolean       full,
                                       GError       **error);

/* The newest copy of DATABASE_PATH that passes dt_backup_verify (quick), or NULL (with no
 * error when there is none). */
DtBackup   *dt_backup_find_newest_good (const char   *database_path,
                                        GError      **error);

/* Puts the copy BACKUP_PATH in place of the database at DATABASE_PATH:
 *   1. BACKUP_PATH is verified in full; a damaged or foreign file replaces nothing;
 *   2. the database is taken for this program alone: refused with DT_ERROR_LOCKED while any
 *      other connection or program has it open (close them first: the window closes its
 *      own before it calls this);
 *   3. the current file is saved in the backup folder (DT_BACKUP_RESTORE), a damaged one as
 *      it is, byte for byte, with its -wal;
 *   4. the copy's pages are written into the database in one transaction (a crash on the way
 *      leaves the file as it was), or, for a file too damaged to be written that way, a
 *      verified copy is renamed over it and its stale -wal, -shm and -journal removed.
 * A copy made by an older version is brought up to date when the database is next opened.
 * SAVED (may be NULL) gets the copy of the file as it was, when there was one. */
gboolean    dt_backup_restore         (const char    *database_path,
                                       const char    *backup_path,
                                       DtBackup     **saved,
                                       GError       **error);

/* What is wrong with a database that cannot be used, for the window to say at start. */
typedef enum
{
  DT_DATABASE_USABLE,
  DT_DATABASE_MISSING,      /* no file there */
  DT_DATABASE_DAMAGED,      /* not a database, or pages that fail SQLite's checks */
  DT_DATABASE_FOREIGN,      /* another program's database */
  DT_DATABASE_NEWER,        /* made by a newer version: update the program, do not restore */
  DT_DATABASE_LOCKED,       /* another program holds it: close it, do not restore */
  DT_DATABASE_UNREADABLE,   /* permissions, a folder, a disk that fails */
} DtDatabaseState;

typedef struct
{
  DtDatabaseState  state;
  char            *path;     /* the file concerned */
  char            *message;  /* what is wrong, naming the file, for people */
  DtBackup        *backup;   /* the newest good copy to offer, or NULL (never for NEWER or
                              * LOCKED, where a restore would be the wrong remedy) */
} DtDiagnosis;

void         dt_diagnosis_free        (DtDiagnosis   *diagnosis);
/* OPEN_ERROR is what dt_database_open () said, or NULL to look at the file here (a quick
 * check of its pages: a second or so for a large office). */
DtDiagnosis *dt_backup_diagnose       (const char    *database_path,
                                       const GError  *open_error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtBackup, dt_backup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DtDiagnosis, dt_diagnosis_free)

G_END_DECLS
