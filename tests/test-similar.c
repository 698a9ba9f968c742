/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "dt-error.h"
#include "dt-records.h"
#include "dt-similar.h"
#include "dt-status.h"
#include "dt-test-util.h"

static gint64
add (DtTestFixture *fixture,
     const char    *code,
     const char    *received,
     const char    *petitioner,
     const char    *village,
     const char    *field,
     const char    *summary)
{
  return dt_test_add_petition (fixture->db, code, received, petitioner, village, field, summary);
}

/* A small office: a land petition, a copy of it by someone else, the same person on another
 * matter, an unrelated one, an old copy and a copy already marked as a duplicate. */
static void
add_office (DtTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  add (fixture, "2025-0001", "2025-03-10", "Trần Thị Bình", "Thôn Đông", "Đất đai",
       "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình");
  add (fixture, "2025-0002", "2025-04-02", "Lê Văn Cường", "Thôn Tây", "Đất đai",
       "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi");
  add (fixture, "2025-0003", "2025-04-20", "Trần Thị Bình", "Thôn Đông", "Môi trường",
       "Phản ánh mùi hôi từ trang trại chăn nuôi lợn");
  add (fixture, "2025-0004", "2025-05-01", "Phạm Văn Dũng", "Thôn Đông", "Đất đai",
       "Phản ánh việc lấn chiếm hành lang giao thông");
  add (fixture, "2022-0001", "2022-01-05", "Hoàng Văn Em", "Thôn Đông", "Đất đai",
       "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình");
  add (fixture, "2025-0005", "2025-05-03", "Ngô Thị Hoa", "Thôn Nam", "Đất đai",
       "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình");
  g_assert_true (dt_petition_mark_duplicate (fixture->db, "2025-0005", "2025-0001", &error));
  g_assert_no_error (error);
}

static DtSimilarPetition *
find (GPtrArray  *similar,
      const char *code)
{
  for (guint i = 0; i < similar->len; i++)
    {
      DtSimilarPetition *item = g_ptr_array_index (similar, i);

      if (g_str_equal (item->code, code))
        return item;
    }
  return NULL;
}

static void
test_similar_words (void)
{
  g_auto(GStrv) words = dt_similar_words ("Đề nghị SỬA chữa đường của thôn Đông, sửa đường!");
  g_auto(GStrv) none = dt_similar_words ("đề nghị của các bà con");
  g_auto(GStrv) empty = dt_similar_words (NULL);
  const char * const expected[] = { "chua", "dong", "duong", "sua", NULL };

  g_assert_cmpstrv (words, expected);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

/* What the secretary types — without marks — finds the same person's near copy first. */
static void
test_similar_near_copy (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(DtPetition) typed = dt_petition_new ();
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;
  DtSimilarPetition *best;

  add_office (fixture);

  typed->received = g_strdup ("2025-06-01");
  typed->petitioner = g_strdup ("tran thi  binh");
  typed->village = g_strdup ("Thôn Đông");
  typed->field = g_strdup ("Đất đai");
  typed->summary = g_strdup ("De nghi cap giay chung nhan quyen su dung dat");
  similar = dt_petition_find_similar (fixture->db, typed, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (similar->len, >=, 2);

  best = g_ptr_array_index (similar, 0);
  g_assert_cmpstr (best->code, ==, "2025-0001");
  g_assert_cmpint (best->reasons, ==,
                   DT_SIMILAR_SAME_PERSON | DT_SIMILAR_SAME_PLACE | DT_SIMILAR_SAME_WORDS);
  g_assert_cmpstr (best->petitioner, ==, "Trần Thị Bình");
  g_assert_cmpfloat (best->words, >, 0.8);

  /* Someone else asking the same: alike by its words alone. */
  g_assert_nonnull (find (similar, "2025-0002"));
  g_assert_cmpint (find (similar, "2025-0002")->reasons, ==, DT_SIMILAR_SAME_WORDS);
  /* The same person on another matter, below the copies. */
  g_assert_nonnull (find (similar, "2025-0003"));
  g_assert_cmpint (find (similar, "2025-0003")->reasons, ==, DT_SIMILAR_SAME_PERSON);
  g_assert_true (find (similar, "2025-0003")->score < find (similar, "2025-0002")->score);

  /* Same village and field, other words: not a likely duplicate. Older than two years: not
   * looked at. A duplicate already: its original stands for it. */
  g_assert_null (find (similar, "2025-0004"));
  g_assert_null (find (similar, "2022-0001"));
  g_assert_null (find (similar, "2025-0005"));

  for (guint i = 1; i < similar->len; i++)
    {
      DtSimilarPetition *a = g_ptr_array_index (similar, i - 1);
      DtSimilarPetition *b = g_ptr_array_index (similar, i);
      g_assert_cmpfloat (a->score, >=, b->score);
    }
}

/* Half a summary typed already finds what it copies; a word alone does not. */
static void
test_similar_while_typing (DtTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(DtPetition) typed = dt_petition_new ();
  g_autoptr(GError) error = NULL;

  add_office (fixture);
  typed->received = g_strdup ("2025-06-01");

  {
    g_autoptr(GPtrArray) similar = dt_petition_find_similar (fixture->db, typed, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, ==, 0);
  }

  typed->summary = g_strdup ("đất");
  {
    g_autoptr(GPtrArray) similar = dt_petition_find_similar (fixture->db, typed, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, ==, 0);
  }

  g_free (typed->summary);
  typed->summary = g_strdup ("Đề nghị cấp giấy chứng");
  {
    g_autoptr(GPtrArray) similar = dt_petition_find_similar (fixture->db, typed, 5, &error);
    g_assert_no_error (error);
    g_assert_nonnull (find (similar, "2025-0001"));
    g_assert_nonnull (find (similar, "2025-0002"));
    g_assert_null (find (similar, "2025-0003"));
  }

  /* With no summary yet, the content speaks for it. */
  g_clear_pointer (&typed->summary, g_free);
  typed->content = g_strdup ("Gia đình tôi xin được cấp giấy chứng nhận quyền sử dụng đất");
  {
    g_autoptr(GPtrArray) similar = dt_petition_find_similar (fixture->db, typed, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (similar->len, ==, 1);
  }
}

/* A petition being edited is not its own duplicate; the two years count from its date. */
static void
test_similar_editing (DtTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(DtPetition) stored = NULL;
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;

  add_office (fixture);
  stored = dt_petition_load (fixture->db, "2025-0001", &error);
  g_assert_no_error (error);

  similar = dt_petition_find_similar (fixture->db, stored, 10, &error);
  g_assert_no_error (error);
  g_assert_null (find (similar, "2025-0001"));
  g_assert_nonnull (find (similar, "2025-0002"));
  g_clear_pointer (&similar, g_ptr_array_unref);

  /* Typed as received early in 2023: the 2022 copy is within two years of it. */
  g_free (stored->received);
  stored->received = g_strdup ("2023-06-01");
  similar = dt_petition_find_similar (fixture->db, stored, 10, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find (similar, "2022-0001"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/similar/words", test_similar_words);
  DT_TEST_ADD ("/core/similar/near-copy", test_similar_near_copy);
  DT_TEST_ADD ("/core/similar/while-typing", test_similar_while_typing);
  DT_TEST_ADD ("/core/similar/editing", test_similar_editing);

  return g_test_run ();
}
