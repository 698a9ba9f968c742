/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-records.h"
#include "dt-search.h"
#include "dt-test-util.h"
#include "dt-text.h"

static void
test_fold (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "Nguyễn Văn An", "nguyen van an" },
    { "ĐƯỜNG", "duong" },
    { "đường làng", "duong lang" },
    { "Hà Tĩnh", "ha tinh" },
    { "Nguye\xcc\x82\xcc\x83n", "nguyen" },            /* decomposed */
    { "ỦY BAN NHÂN DÂN", "uy ban nhan dan" },
    { "2025-0001", "2025-0001" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = dt_text_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return dt_text_compare (*(const char * const *) a, *(const char * const *) b);
}

static void
test_sort (void)
{
  /* Vietnamese dictionary order: a ă â b c d đ e ê …; words before their continuations;
   * tones after letters (ngang, huyền, hỏi, ngã, sắc, nặng). */
  const char *expected[] = {
    "An", "An Bình", "Anh", "Ánh", "Ăn", "Ân", "Bình", "Cúc", "Dũng", "Đào", "Đông", "Em",
    "Ê Đê", "Hà", "Hạ", "Hoa", "Hòa", "Hỏa", "Hóa", "Ô", "Ơn", "Út", "Ưng", "Yến",
  };
  const char *shuffled[G_N_ELEMENTS (expected)];
  GRand *rand = g_rand_new_with_seed (4);

  memcpy (shuffled, expected, sizeof expected);
  for (guint i = G_N_ELEMENTS (shuffled) - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      const char *t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
  g_rand_free (rand);
  qsort (shuffled, G_N_ELEMENTS (shuffled), sizeof (char *), compare_keys);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (shuffled[i], ==, expected[i]);

  /* Case only decides between otherwise equal names; decomposed input sorts the same. */
  g_assert_cmpint (dt_text_compare ("an", "An"), <, 0);
  g_assert_cmpint (dt_text_compare ("Nguye\xcc\x82\xcc\x83n", "Nguyễn"), ==, 0);
  g_assert_cmpint (dt_text_compare ("Thôn 2", "Thôn 10"), <, 0);
}

static void
test_date_line (void)
{
  GDate date;
  g_autofree char *april = NULL;
  g_autofree char *january = NULL;
  g_autofree char *november = NULL;

  g_date_set_dmy (&date, 5, 4, 2025);
  april = dt_text_date_line ("Thạch Lạc", &date);
  g_assert_cmpstr (april, ==, "Thạch Lạc, ngày 05 tháng 4 năm 2025");
  g_date_set_dmy (&date, 14, 1, 2025);
  january = dt_text_date_words (&date);
  g_assert_cmpstr (january, ==, "ngày 14 tháng 01 năm 2025");
  g_date_set_dmy (&date, 26, 11, 2026);
  november = dt_text_date_line (NULL, &date);
  g_assert_cmpstr (november, ==, "ngày 26 tháng 11 năm 2026");
}

static void
add (DtDatabase *db,
     const char *code,
     const char *petitioner,
     const char *address,
     const char *summary)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  g_autoptr(GError) error = NULL;

  petition->code = g_strdup (code);
  petition->received = g_strdup ("2025-04-15");
  petition->channel = g_strdup ("written");
  petition->petitioner = g_strdup (petitioner);
  petition->address = g_strdup (address);
  petition->summary = g_strdup (summary);
  g_assert_true (dt_petition_insert (db, petition, &error));
  g_assert_no_error (error);
}

static char *
search (DtDatabase *db,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = dt_search_petitions (db, query, 50, &error);
  GString *codes = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (codes, "%s%s", i ? " " : "",
                            ((DtSearchHit *) g_ptr_array_index (hits, i))->code);
  return g_string_free (codes, FALSE);
}

#define assert_search(db, query, expected) \
  G_STMT_START { \
    g_autofree char *got_ = search (db, query); \
    if (g_strcmp0 (got_, expected) != 0) \
      g_error ("search “%s”: got “%s”, expected “%s”", query, got_, expected); \
  } G_STMT_END

static void
test_search (DtTestFixture *fixture,
             gconstpointer  data)
{
  add (fixture->db, "P1", "Nguyen Van Binh", "Thôn Đông", "Hỏi về đất đai");
  add (fixture->db, "P2", "Nguyễn Văn An", "Hà Tĩnh", "Đề nghị sửa đường liên thôn");
  add (fixture->db, "P3", "Trần Thị Đào", "Thôn Tây", "Phản ánh rác thải");
  add (fixture->db, "P4", "Lê Văn Dương", "Cẩm Xuyên", "Đường ngập nước");

  /* Without marks, with marks, upper case, đ/Đ. */
  /* Spelled as typed first: P1 is written without marks. */
  assert_search (fixture->db, "nguyen van", "P1 P2");
  assert_search (fixture->db, "Nguyễn Văn", "P2 P1");
  assert_search (fixture->db, "NGUYEN", "P1 P2");
  assert_search (fixture->db, "Nguyen", "P1 P2");
  assert_search (fixture->db, "ha tinh", "P2");
  assert_search (fixture->db, "dao", "P3");
  assert_search (fixture->db, "ĐÀO", "P3");
  /* Prefixes, every word: "duong" is in P2's summary (đường) and P4's name and summary. */
  assert_search (fixture->db, "duong", "P4 P2");
  assert_search (fixture->db, "đường", "P4 P2");
  assert_search (fixture->db, "dươ", "P4 P2");
  assert_search (fixture->db, "duong ngap", "P4");
  assert_search (fixture->db, "thon dong", "P1");
  assert_search (fixture->db, "P3", "P3");
  /* A mark no letter holds splits the word, as the index does: no error. */
  assert_search (fixture->db, "Ngu\xe2\x83\x9dyen", "");
  /* Decomposed input, as some keyboards send it. */
  assert_search (fixture->db, "Nguye\xcc\x82\xcc\x83n", "P2 P1");
  /* The exact spelling ranks first, even when older: P1 is Nguyen, P2 Nguyễn. */
  add (fixture->db, "P5", "Nguyen Thi Mai", "Thôn Nam", "Hỏi về chính sách");
  assert_search (fixture->db, "nguyen", "P5 P1 P2");
  assert_search (fixture->db, "Nguyễn", "P2 P5 P1");
  {
    g_autoptr(GPtrArray) hits = dt_search_petitions (fixture->db, "Nguyễn", 10, NULL);
    g_assert_cmpuint (hits->len, ==, 3);
    g_assert_true (((DtSearchHit *) g_ptr_array_index (hits, 0))->exact);
    g_assert_false (((DtSearchHit *) g_ptr_array_index (hits, 1))->exact);
  }

  /* A change to a petition is searchable at once; a deleted one is gone. */
  {
    g_autoptr(DtPetition) p3 = dt_petition_load (fixture->db, "P3", NULL);
    g_free (p3->summary);
    p3->summary = g_strdup ("Kiến nghị về thủy lợi");
    g_assert_true (dt_petition_update (fixture->db, p3, NULL));
    assert_search (fixture->db, "rac thai", "");
    assert_search (fixture->db, "thuy loi", "P3");
    g_assert_true (dt_petition_delete (fixture->db, "P3", NULL));
    assert_search (fixture->db, "thuy loi", "");
  }
}

static void
test_search_bad_queries (DtTestFixture *fixture,
                         gconstpointer  data)
{
  const char *harmless[] = { "", "   ", "\"", "*", "-", ":", "NEAR", "NEAR(", "\" OR \"",
                             "a AND", "(((", "^", "''", "--", "*:*", "\"\"\"\"" };
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  add (fixture->db, "Q1", "Phạm Thị Near", "Thôn And", "Hỏi về chính sách");
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      g_autoptr(GPtrArray) none = dt_search_petitions (fixture->db, harmless[i], 10, &error);
      g_assert_no_error (error);
      g_assert_nonnull (none);
    }
  /* FTS5 words are only words here. */
  assert_search (fixture->db, "NEAR", "Q1");
  assert_search (fixture->db, "and", "Q1");
  assert_search (fixture->db, "\"", "");

  for (int i = 0; i < 600; i++)
    g_string_append_c (huge, 'a');
  hits = dt_search_petitions (fixture->db, huge->str, 10, &error);
  g_assert_null (hits);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  for (int i = 0; i < DT_SEARCH_MAX_WORDS + 1; i++)
    g_string_append (many, "từ ");
  hits = dt_search_petitions (fixture->db, many->str, 10, &error);
  g_assert_null (hits);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);

  hits = dt_search_petitions (fixture->db, "Tr\xe1\xba", 10, &error);
  g_assert_null (hits);
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/text/fold", test_fold);
  g_test_add_func ("/core/text/sort", test_sort);
  g_test_add_func ("/core/text/date-line", test_date_line);
  g_test_add ("/core/text/search", DtTestFixture, NULL, dt_test_fixture_setup, test_search,
              dt_test_fixture_teardown);
  g_test_add ("/core/text/search-bad-queries", DtTestFixture, NULL, dt_test_fixture_setup,
              test_search_bad_queries, dt_test_fixture_teardown);

  return g_test_run ();
}
