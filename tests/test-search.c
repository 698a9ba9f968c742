/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-database-private.h"
#include "dt-demo.h"
#include "dt-error.h"
#include "dt-exchange.h"
#include "dt-records.h"
#include "dt-search.h"
#include "dt-test-util.h"
#include "dt-text.h"

/* One petition of a hand-made register; later rows are newer (a higher id). */
typedef struct
{
  const char *code;
  const char *petitioner;
  const char *address;
  const char *summary;
  const char *content;
} Row;

static void
add_rows (DtDatabase *db,
          const Row  *rows,
          gsize       n_rows)
{
  for (gsize i = 0; i < n_rows; i++)
    {
      g_autoptr(DtPetition) petition = dt_petition_new ();
      g_autoptr(GError) error = NULL;

      petition->code = g_strdup (rows[i].code);
      petition->received = g_strdup ("2025-04-15");
      petition->channel = g_strdup ("written");
      petition->petitioner = g_strdup (rows[i].petitioner);
      petition->address = g_strdup (rows[i].address);
      petition->summary = g_strdup (rows[i].summary);
      petition->content = g_strdup (rows[i].content);
      dt_petition_insert (db, petition, &error);
      g_assert_no_error (error);
    }
}

/* The codes found, best first, separated by spaces. */
static char *
search_limited (DtDatabase *db,
                const char *query,
                guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = dt_search_petitions (db, query, limit, &error);
  GString *codes = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (codes, "%s%s", i ? " " : "",
                            ((DtSearchHit *) g_ptr_array_index (hits, i))->code);
  return g_string_free (codes, FALSE);
}

static char *
search (DtDatabase *db,
        const char *query)
{
  return search_limited (db, query, 50);
}

#define assert_search(db, query, expected) \
  G_STMT_START { \
    g_autofree char *got_ = search (db, query); \
    if (g_strcmp0 (got_, expected) != 0) \
      g_error ("search “%s”: got “%s”, expected “%s”", query, got_, expected); \
  } G_STMT_END

static void
assert_refused (DtDatabase *db,
                const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = dt_search_petitions (db, query, 10, &error);
  g_autoptr(GArray) ids = NULL;

  g_assert_null (hits);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  ids = dt_search_petition_ids (db, query, 10, &error);
  g_assert_null (ids);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
}

static void
test_code (DtTestFixture *fixture,
           gconstpointer  data)
{
  const Row rows[] = {
    { "2025-0012", "Lê Thị Mai", NULL, "Hỏi về đất ở", NULL },
    { "KN-07", "Phạm Văn Kha", NULL, "Kiến nghị về kênh tưới", NULL },
    /* Newer, and naming the codes above in their words. */
    { "2025-0120", "Trần Văn Tâm", NULL, "Nhắc lại đơn 2025-0012 chưa được trả lời", NULL },
    { "2025-0121", "Đỗ Văn Hùng", NULL, "Theo đơn KN-07 của thôn", NULL },
  };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* The petition of that code, ahead of the newer one that only mentions it. */
  assert_search (fixture->db, "2025-0012", "2025-0012 2025-0120");
  assert_search (fixture->db, "  2025-0012 ", "2025-0012 2025-0120");
  assert_search (fixture->db, "kn-07", "KN-07 2025-0121");
  assert_search (fixture->db, "KN-07", "KN-07 2025-0121");
  /* Part of a code is no code: words, newest first. */
  assert_search (fixture->db, "2025", "2025-0121 2025-0120 2025-0012");

  hits = dt_search_petitions (fixture->db, "2025-0012", 10, NULL);
  ids = dt_search_petition_ids (fixture->db, "2025-0012", 10, NULL);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==,
                   ((DtSearchHit *) g_ptr_array_index (hits, 0))->id);
  g_assert_true (((DtSearchHit *) g_ptr_array_index (hits, 0))->exact);
}

static void
test_name_phrase (DtTestFixture *fixture,
                  gconstpointer  data)
{
  const Row rows[] = {
    { "N1", "Nguyễn Văn An", "Xóm 3", "Đề nghị cấp giấy chứng nhận", NULL },
    { "N2", "Nguyễn Văn Anh", NULL, "Hỏi về chế độ thương binh", NULL },
    /* Every word, none as a name: Nguyễn, văn (hóa), An (Hòa). */
    { "N3", "Nguyễn Thị Hoa", NULL, "Sửa nhà văn hóa thôn An Hòa", NULL },
    /* The name, but in another's petition. */
    { "N4", "Trần Văn Bình", NULL, "Hiến đất làm đường", "Ông Nguyễn Văn An đã đồng ý" },
  };

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* The person, then the name still being typed, then the name elsewhere, then the words. */
  assert_search (fixture->db, "nguyen van an", "N1 N2 N4 N3");
  assert_search (fixture->db, "Nguyễn Văn An", "N1 N2 N4 N3");
  assert_search (fixture->db, "nguyen van a", "N2 N1 N4 N3");
  assert_search (fixture->db, "nguyen van", "N2 N1 N4 N3");
  /* In order: "văn nguyễn" is no one's name. */
  assert_search (fixture->db, "van nguyen", "N4 N3 N2 N1");

  /* Fewer asked, the first of the same. */
  for (guint limit = 1; limit <= 4; limit++)
    {
      const char *all = "N1 N2 N4 N3";
      g_autofree char *first = g_strndup (all, 3 * limit - 1);
      g_autofree char *got = search_limited (fixture->db, "nguyen van an", limit);

      g_assert_cmpstr (got, ==, first);
    }
}

static void
test_place_phrase (DtTestFixture *fixture,
                   gconstpointer  data)
{
  const Row rows[] = {
    { "H1", "Lê Văn Sơn", "Thạch Hà, Hà Tĩnh", "Đề nghị sửa cống", NULL },
    { "H2", "Bùi Minh Hạnh", NULL, "Phản ánh tình trạng rác thải", NULL },
  };

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  assert_search (fixture->db, "ha tinh", "H1 H2");
  assert_search (fixture->db, "Hà Tĩnh", "H1 H2");
  assert_search (fixture->db, "HA TINH", "H1 H2");
  /* Words split the other way round still find both, by their beginnings. */
  assert_search (fixture->db, "tinh ha", "H1 H2");
}

static void
test_whole_word (DtTestFixture *fixture,
                 gconstpointer  data)
{
  const Row rows[] = {
    { "A1", "Nguyễn Văn An", NULL, "Đề nghị cấp giấy chứng nhận", NULL },
    { "A2", "Lê Thị Anh", NULL, "Hỏi về học phí", NULL },
    { "A3", "Trần Văn Nam", NULL, "Ảnh hưởng của lò gạch", NULL },
    { "A4", "Phạm Thị Lan", NULL, "Đề nghị bảo đảm an ninh trật tự", NULL },
  };

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* The name An, then the word an elsewhere, then the words that begin so: "anh" spelled as
   * typed before "ảnh". */
  assert_search (fixture->db, "an", "A1 A4 A2 A3");
  assert_search (fixture->db, "An", "A1 A4 A2 A3");
  /* Anh the name first, marks aside, then the word ảnh. */
  assert_search (fixture->db, "ảnh", "A2 A3");
}

static void
test_name_without_marks (DtTestFixture *fixture,
                         gconstpointer  data)
{
  const Row rows[] = {
    { "D1", "Trần Thị Đào", "Thôn Tây", "Phản ánh rác thải", NULL },
    { "D2", "Trần Văn Thi", NULL, "Đào ao nuôi cá", NULL },
    { "D3", "Lê Thị Đào", NULL, "Tranh chấp đất", "Gặp ông Trần ở chợ" },
  };

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  assert_search (fixture->db, "tran thi dao", "D1 D3 D2");
  assert_search (fixture->db, "TRẦN THỊ ĐÀO", "D1 D3 D2");
  assert_search (fixture->db, "thi dao", "D3 D1 D2");
}

static void
test_marks_first (DtTestFixture *fixture,
                  gconstpointer  data)
{
  const Row rows[] = {
    { "M1", "Nguyễn Văn Bình", NULL, "Hỏi về đất", NULL },
    { "M2", "Nguyen Van Binh", NULL, "Hỏi về đất", NULL },
  };
  g_autoptr(GPtrArray) hits = NULL;

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* Same rank, the spelling as typed first even when older. */
  assert_search (fixture->db, "Nguyễn Văn Bình", "M1 M2");
  assert_search (fixture->db, "nguyen van binh", "M2 M1");
  assert_search (fixture->db, "nguyễn văn", "M1 M2");
  /* Marks typed on some words only match neither as typed: newest first. */
  assert_search (fixture->db, "Nguyễn van binh", "M2 M1");

  hits = dt_search_petitions (fixture->db, "Nguyễn Văn Bình", 10, NULL);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (((DtSearchHit *) g_ptr_array_index (hits, 0))->exact);
  g_assert_false (((DtSearchHit *) g_ptr_array_index (hits, 1))->exact);
}

static void
test_newest_first (DtTestFixture *fixture,
                   gconstpointer  data)
{
  const Row rows[] = {
    { "T1", "Lê Văn Tám", NULL, "Hỏi về đất", NULL },
    { "T2", "Lê Văn Tám", NULL, "Hỏi về nước", NULL },
    { "T3", "Lê Văn Tám", NULL, "Hỏi về điện", NULL },
    { "T4", "Hoàng Thị Lê", NULL, "Về Tám Lê Văn", NULL },
  };
  g_autoptr(GArray) ids = NULL;

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  assert_search (fixture->db, "le van tam", "T3 T2 T1 T4");
  assert_search (fixture->db, "Lê Văn Tám", "T3 T2 T1 T4");

  ids = dt_search_petition_ids (fixture->db, "le van tam", 10, NULL);
  g_assert_cmpuint (ids->len, ==, 4);
  for (guint i = 1; i + 1 < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), >, g_array_index (ids, gint64, i));
}

static void
test_folding (DtTestFixture *fixture,
              gconstpointer  data)
{
  const Row rows[] = {
    { "P1", "Nguyen Van Binh", "Thôn Đông", "Hỏi về đất đai", NULL },
    { "P2", "Nguyễn Văn An", "Hà Tĩnh", "Đề nghị sửa đường liên thôn", NULL },
    { "P3", "Trần Thị Đào", "Thôn Tây", "Phản ánh rác thải", NULL },
    { "P4", "Lê Văn Dương", "Cẩm Xuyên", "Đường ngập nước", NULL },
  };

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* P1 is written without marks: as typed. */
  assert_search (fixture->db, "nguyen", "P1 P2");
  assert_search (fixture->db, "Nguyễn", "P2 P1");
  assert_search (fixture->db, "NGUYEN", "P1 P2");
  /* đ/Đ are d. */
  assert_search (fixture->db, "dao", "P3");
  assert_search (fixture->db, "ĐÀO", "P3");
  assert_search (fixture->db, "đào", "P3");
  /* Đường: P4's name and summary, P2's summary; the name first. */
  assert_search (fixture->db, "duong", "P4 P2");
  assert_search (fixture->db, "ĐƯỜNG", "P4 P2");
  assert_search (fixture->db, "dươ", "P4 P2");
  assert_search (fixture->db, "duong ngap", "P4");
  assert_search (fixture->db, "thon dong", "P1");
  /* Decomposed input, as some keyboards send it: the same as composed. */
  assert_search (fixture->db, "Nguye\xcc\x82\xcc\x83n", "P2 P1");
  assert_search (fixture->db, "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 \xc4\x90" "a\xcc\x80o", "P3");
  /* A mark no letter holds splits the word, as the index does: no error. */
  assert_search (fixture->db, "Ngu\xe2\x83\x9dyen", "");
}

static void
test_changes (DtTestFixture *fixture,
              gconstpointer  data)
{
  const Row rows[] = {
    { "P1", "Trần Thị Đào", "Thôn Tây", "Phản ánh rác thải", NULL },
  };
  g_autoptr(DtPetition) petition = NULL;

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* A change is searchable at once, field by field; a deleted petition is gone. */
  petition = dt_petition_load (fixture->db, "P1", NULL);
  g_free (petition->summary);
  petition->summary = g_strdup ("Kiến nghị về thủy lợi");
  g_free (petition->petitioner);
  petition->petitioner = g_strdup ("Hà Văn Tĩnh");
  g_assert_true (dt_petition_update (fixture->db, petition, NULL));
  assert_search (fixture->db, "rac thai", "");
  assert_search (fixture->db, "thuy loi", "P1");
  assert_search (fixture->db, "ha van tinh", "P1");
  assert_search (fixture->db, "tran thi dao", "");
  g_assert_true (dt_petition_delete (fixture->db, "P1", NULL));
  assert_search (fixture->db, "thuy loi", "");
}

/* One entry in each index for each petition, and FTS5's own check that each index agrees
 * with the text it holds. */
static void
assert_index_sound (DtDatabase *db)
{
  sqlite3 *handle = _dt_database_get_handle (db);
  gint64 petitions = dt_test_query_int (db, "SELECT count(*) FROM petitions");

  g_assert_cmpint (dt_test_query_int (db, "SELECT count(*) FROM petitions_fts"), ==, petitions);
  g_assert_cmpint (dt_test_query_int (db, "SELECT count(*) FROM petitions_exact_fts"), ==,
                   petitions);
  g_assert_cmpint (dt_test_query_int (db, "SELECT count(*) FROM petitions p JOIN petitions_fts f "
                                          "ON f.rowid = p.id"), ==, petitions);

  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO petitions_fts (petitions_fts, rank) "
                                         "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "INSERT INTO petitions_exact_fts "
                                         "(petitions_exact_fts, rank) "
                                         "VALUES ('integrity-check', 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

static void
test_bulk (DtTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) codes = NULL;
  guint n;

  /* The demo writes in one bulk change: its petitions are indexed at the end, all at once. */
  g_assert_true (dt_demo_generate (fixture->db, 60, 3, &error));
  g_assert_no_error (error);
  assert_index_sound (fixture->db);

  codes = dt_petition_list_codes (fixture->db, &error);
  g_assert_no_error (error);
  n = g_strv_length (codes);
  g_assert_cmpuint (n, >=, 60);
  for (guint i = 0; i < n; i += 7)
    {
      g_autoptr(DtPetition) petition = dt_petition_load (fixture->db, codes[i], NULL);
      g_autoptr(GPtrArray) by_code = dt_search_petitions (fixture->db, codes[i], 5, &error);
      g_autoptr(GPtrArray) by_name = dt_search_petitions (fixture->db, petition->petitioner, 1,
                                                          &error);
      DtSearchHit *first;

      g_assert_no_error (error);
      g_assert_cmpuint (by_code->len, >=, 1);
      g_assert_cmpstr (((DtSearchHit *) g_ptr_array_index (by_code, 0))->code, ==, codes[i]);
      /* The best hit for a name is someone of exactly that name. */
      g_assert_cmpuint (by_name->len, ==, 1);
      first = g_ptr_array_index (by_name, 0);
      g_assert_cmpstr (first->petitioner, ==, petition->petitioner);
      g_assert_true (first->exact);
    }

  /* Replaced whole by an import, in one bulk change again: each petition indexed once, the
   * old entries gone. */
  {
    g_autofree char *document = dt_exchange_export_string (fixture->db, FALSE, &error);
    g_autoptr(GPtrArray) hits = NULL;
    DtImportSummary summary = { 0 };

    g_assert_no_error (error);
    g_assert_true (dt_exchange_import_data (fixture->db, document, strlen (document), "test",
                                            TRUE, &summary, &error));
    g_assert_no_error (error);
    assert_index_sound (fixture->db);
    hits = dt_search_petitions (fixture->db, codes[0], 5, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((DtSearchHit *) g_ptr_array_index (hits, 0))->code, ==, codes[0]);
    g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==, n);
  }
}

static void
assert_first (DtDatabase *db,
              const char *query,
              const char *code)
{
  g_autofree char *first = search_limited (db, query, 1);

  g_assert_cmpstr (first, ==, code);
}

static void
test_bulk_merged (DtTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "source.sqlite", NULL);
  g_autofree char *document = NULL;
  g_autofree char *setting = NULL;
  g_autoptr(DtDatabase) source = NULL;
  g_autoptr(DtPetition) imported = NULL;
  g_auto(GStrv) codes = NULL;
  DtImportSummary summary = { 0 };
  const char *tables[] = { "petitions_fts", "petitions_exact_fts" };

  /* A bulk load leaves the search index in one segment per table: the saves after it do not
   * inherit its big segments half merged, which one of them had to finish (seconds at
   * 100,000 petitions). */
  source = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (dt_demo_generate (source, 1200, 5, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (dt_test_count_segments (source, tables[i]), ==, 1);
  document = dt_exchange_export_string (source, FALSE, &error);
  g_assert_no_error (error);
  codes = dt_petition_list_codes (source, &error);
  g_assert_no_error (error);
  imported = dt_petition_load (source, codes[g_strv_length (codes) / 2], &error);
  g_assert_no_error (error);

  /* Saved one by one, each petition is a segment of its own, until they are merged. */
  dt_test_add_petition (fixture->db, "TN-2026-01", "2026-03-02", "Hoàng Văn Thụ", NULL, NULL,
                        "Đề nghị lắp đèn chiếu sáng đường trục thôn");
  dt_test_add_petition (fixture->db, "TN-2026-02", "2026-03-03", "Lò Thị Xuân", NULL, NULL,
                        "Kiến nghị nạo vét kênh mương nội đồng");
  dt_test_add_petition (fixture->db, "TN-2026-03", "2026-03-04", "Đinh Công Tráng", NULL, NULL,
                        "Phản ánh tiếng ồn của xưởng cưa gỗ");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (dt_test_count_segments (fixture->db, tables[i]), >=, 2);

  /* An import of a large document into them: one segment again, every petition in it. */
  g_assert_true (dt_exchange_import_data (fixture->db, document, strlen (document), "test",
                                          FALSE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.petitions, ==, 1200);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (dt_test_count_segments (fixture->db, tables[i]), ==, 1);
  assert_index_sound (fixture->db);

  /* Search finds what was there before and what came in, and what is saved after, first. */
  assert_first (fixture->db, "hoang van thu", "TN-2026-01");
  assert_first (fixture->db, "lo thi xuan", "TN-2026-02");
  {
    g_autoptr(GPtrArray) hits = dt_search_petitions (fixture->db, imported->code, 5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >=, 1);
    g_assert_cmpstr (((DtSearchHit *) g_ptr_array_index (hits, 0))->code, ==, imported->code);
  }
  dt_test_add_petition (fixture->db, "TN-2026-04", "2026-03-05", "Mạc Thị Bưởi", NULL, NULL,
                        "Đề nghị sửa nhà văn hóa thôn");
  assert_first (fixture->db, "mac thi buoi", "TN-2026-04");
  assert_index_sound (fixture->db);

  /* Both tables let a level hold 200 segments before merging it whole (migration 0010), so
   * that the gradual merging of a big segment (dt_search_merge_index ()) finishes before. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT v FROM %s_config WHERE k = 'crisismerge'",
                                              tables[i]);

      g_assert_cmpint (dt_test_query_int (fixture->db, sql), ==, 200);
    }
}

/* Saves no longer merge the search index (migration 0012): a segment per save adds up until
 * dt_search_merge_index () merges them, a little at a time, and search finds the same before
 * and after. A connection that wrote petitions merges what is left as it closes. */
static void
test_merge_when_asked (DtTestFixture *fixture,
                       gconstpointer  data)
{
  const char *tables[] = { "petitions_fts", "petitions_exact_fts" };
  g_autofree char *path = g_build_filename (fixture->dir, "closed.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  DtDatabase *other;
  gboolean merged = TRUE;
  guint steps = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT v FROM %s_config WHERE k = 'automerge'",
                                              tables[i]);

      g_assert_cmpint (dt_test_query_int (fixture->db, sql), ==, 0);
    }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *code = g_strdup_printf ("TN-2026-%02u", i + 1);
      g_autofree char *summary = g_strdup_printf ("Đề nghị sửa đường liên thôn số %u", i + 1);

      dt_test_add_petition (fixture->db, code, "2026-03-02", "Hoàng Văn Thụ", NULL, NULL,
                            summary);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (dt_test_count_segments (fixture->db, tables[i]), >=, 12);
  before = search_limited (fixture->db, "de nghi sua duong", 20);

  while (merged)
    {
      g_assert_true (dt_search_merge_index (fixture->db, 64, &merged, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (++steps, <, 100);
    }
  g_assert_cmpuint (steps, >=, 2);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (dt_test_count_segments (fixture->db, tables[i]), <, 6);
  after = search_limited (fixture->db, "de nghi sua duong", 20);
  g_assert_cmpstr (after, ==, before);
  assert_index_sound (fixture->db);

  /* The console program's way: written, closed, merged. */
  other = dt_database_open (path, DT_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *code = g_strdup_printf ("TN-2026-%02u", i + 1);

      dt_test_add_petition (other, code, "2026-03-02", "Lò Thị Xuân", NULL, NULL,
                            "Kiến nghị nạo vét kênh mương nội đồng");
    }
  g_assert_cmpint (dt_test_count_segments (other, "petitions_fts"), >=, 12);
  g_object_unref (other);
  other = dt_database_open (path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (dt_test_count_segments (other, tables[i]), <, 6);
  assert_index_sound (other);
  g_object_unref (other);
}

/* Raw connection to a test database, with the two functions the search triggers call. */
static void
fold_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, dt_text_fold (text), -1, g_free);
}

static void
no_defer_func (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  sqlite3_result_int (context, 0);
}

static void
test_upgrade (DtTestFixture *fixture,
              gconstpointer  data)
{
  const Row rows[] = {
    { "H1", "Lê Văn Sơn", "Thạch Hà, Hà Tĩnh", "Đề nghị sửa cống", NULL },
    { "H2", "Bùi Minh Hạnh", NULL, "Phản ánh tình trạng rác thải", NULL },
  };
  g_autoptr(GBytes) old_sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw = NULL;

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));
  g_clear_object (&fixture->db);

  /* Back to the index of migration 0002, one text per petition, as the version before this
   * one left it (with 0003, whatever it holds, applied). */
  old_sql = g_resources_lookup_data ("/io/github/doithoai/DoiThoai/migrations/"
                                     "0002-search-and-status.sql", 0, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (old_sql, NULL), g_bytes_get_size (old_sql));
  g_assert_cmpint (sqlite3_open (fixture->path, &raw), ==, SQLITE_OK);
  sqlite3_create_function (raw, "dt_fold", 1, SQLITE_UTF8, NULL, fold_func, NULL, NULL);
  sqlite3_create_function (raw, "dt_defer_index", 1, SQLITE_UTF8, NULL, no_defer_func, NULL,
                           NULL);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER petitions_fts_insert;"
                                      "DROP TRIGGER petitions_fts_update;"
                                      "DROP TRIGGER petitions_fts_delete;"
                                      "DROP VIEW petitions_search_text;"
                                      "DROP TABLE petitions_fts;"
                                      "DROP TABLE petitions_exact_fts;"
                                      "DROP INDEX petitions_state;"
                                      /* and what the migrations after 0004 add */
                                      "DROP INDEX sessions_status;"
                                      "ALTER TABLE sessions DROP COLUMN status_reason;"
                                      "ALTER TABLE villages DROP COLUMN retired;"
                                      "ALTER TABLE agencies DROP COLUMN retired;"
                                      "ALTER TABLE fields DROP COLUMN retired;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  dt_test_undo_audit_changes (fixture->path);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 3", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (raw);

  fixture->db = dt_database_open (fixture->path, DT_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dt_database_get_user_version (fixture->db), ==, dt_database_schema_version ());
  /* Indexed again, field by field: the place before the words of a name and a summary. */
  assert_search (fixture->db, "ha tinh", "H1 H2");
  assert_search (fixture->db, "H2", "H2");
  assert_index_sound (fixture->db);
}

static void
test_fts_syntax (DtTestFixture *fixture,
                 gconstpointer  data)
{
  const Row rows[] = {
    { "S1", "Phạm Thị Near", "Thôn And", "Hỏi về chính sách", NULL },
    { "S2", "Nguyễn Văn An", NULL, "Đề nghị hỗ trợ", NULL },
  };
  const char *harmless[] = { "", "   ", "\"", "*", "-", ":", "NEAR", "NEAR(", "\" OR \"",
                             "a AND", "(((", "^", "''", "--", "*:*", "\"\"\"\"", "{", "}",
                             "petitioner:", "{petitioner}:", "an*", "+", "NOT", "\\" };

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = dt_search_petitions (fixture->db, harmless[i], 10, &error);

      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }

  /* The words of FTS5 are words here, and its marks are spaces. */
  assert_search (fixture->db, "NEAR", "S1");
  assert_search (fixture->db, "NEAR(", "S1");
  assert_search (fixture->db, "near AND and", "S1");
  assert_search (fixture->db, "an OR near", "");
  assert_search (fixture->db, "NOT an", "");
  assert_search (fixture->db, "\"nguyen van\"", "S2");
  assert_search (fixture->db, "nguyen*", "S2");
  assert_search (fixture->db, "-an", "S2 S1");
  assert_search (fixture->db, "^an", "S2 S1");
  assert_search (fixture->db, "\"", "");
  assert_search (fixture->db, "*", "");
  /* No column filter: "petitioner" is a word that no petition holds. */
  assert_search (fixture->db, "petitioner:an", "");
  assert_search (fixture->db, "petitioner : an", "");
  assert_search (fixture->db, "{petitioner}: an", "");
  assert_search (fixture->db, "summary:near", "");

  /* What reaches FTS5: each word quoted, the columns ours. */
  {
    g_autofree char *match = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (dt_search_build_prefix_query ("petitioner:\"Đào* OR", &match, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (match, ==, "{code petitioner place summary content} : "
                                "(\"petitioner\"* AND \"dao\"* AND \"or\"*)");
    g_clear_pointer (&match, g_free);
    g_assert_true (dt_search_build_prefix_query ("(\"*\")", &match, &error));
    g_assert_null (match);
  }
}

static void
test_limits (DtTestFixture *fixture,
             gconstpointer  data)
{
  const Row rows[] = {
    { "L1", "Nguyễn Văn An", NULL, "Đề nghị hỗ trợ", NULL },
    { "L2", "Nguyễn Văn Ba", NULL, "Đề nghị hỗ trợ", NULL },
    { "L3", "Nguyễn Văn Tư", NULL, "Đề nghị hỗ trợ", NULL },
  };
  g_autoptr(GString) longest = g_string_new (NULL);
  g_autoptr(GString) most = g_string_new ("nguyễn");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  add_rows (fixture->db, rows, G_N_ELEMENTS (rows));

  /* Up to the limits, searched; one more, refused. */
  for (int i = 0; i < DT_SEARCH_MAX_CHARS; i++)
    g_string_append_c (longest, 'a');
  assert_search (fixture->db, longest->str, "");
  g_string_append_c (longest, 'a');
  assert_refused (fixture->db, longest->str);
  /* Characters are counted, not bytes. */
  g_string_truncate (longest, 0);
  for (int i = 0; i < DT_SEARCH_MAX_CHARS; i++)
    g_string_append (longest, "đ");
  assert_search (fixture->db, longest->str, "");

  for (int i = 1; i < DT_SEARCH_MAX_WORDS; i++)
    g_string_append (most, " hỗ");
  assert_search (fixture->db, most->str, "L3 L2 L1");
  g_string_append (most, " trợ");
  assert_refused (fixture->db, most->str);

  /* Not UTF-8: refused, not guessed at. */
  assert_refused (fixture->db, "Tr\xe1\xba");
  assert_refused (fixture->db, "an \xff");

  /* No words, no hits. */
  assert_search (fixture->db, "!!! --- …", "");
  assert_search (fixture->db, "\t\n", "");
  hits = dt_search_petitions (fixture->db, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* At most LIMIT, the best ones; none for 0. */
  hits = dt_search_petitions (fixture->db, "nguyen van an", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((DtSearchHit *) g_ptr_array_index (hits, 0))->code, ==, "L1");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = dt_search_petitions (fixture->db, "nguyen", 2, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = dt_search_petitions (fixture->db, "nguyen", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  ids = dt_search_petition_ids (fixture->db, "nguyen", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = dt_search_petition_ids (fixture->db, "nguyen", G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  DT_TEST_ADD ("/core/search/code", test_code);
  DT_TEST_ADD ("/core/search/name-phrase", test_name_phrase);
  DT_TEST_ADD ("/core/search/place-phrase", test_place_phrase);
  DT_TEST_ADD ("/core/search/whole-word", test_whole_word);
  DT_TEST_ADD ("/core/search/name-without-marks", test_name_without_marks);
  DT_TEST_ADD ("/core/search/marks-first", test_marks_first);
  DT_TEST_ADD ("/core/search/newest-first", test_newest_first);
  DT_TEST_ADD ("/core/search/folding", test_folding);
  DT_TEST_ADD ("/core/search/changes", test_changes);
  DT_TEST_ADD ("/core/search/bulk", test_bulk);
  DT_TEST_ADD ("/core/search/bulk-merged", test_bulk_merged);
  DT_TEST_ADD ("/core/search/merge-when-asked", test_merge_when_asked);
  DT_TEST_ADD ("/core/search/upgrade", test_upgrade);
  DT_TEST_ADD ("/core/search/fts-syntax", test_fts_syntax);
  DT_TEST_ADD ("/core/search/limits", test_limits);

  return g_test_run ();
}
