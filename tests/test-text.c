/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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
assert_masked (const char *text,
               const char *expected)
{
  static const char * const secrets[] = { "Trần Thị Bình", "Số 12 ngõ 3, Thôn Đông", "An", NULL };
  g_autofree char *masked = dt_text_mask (text, secrets, "(bảo mật)");

  g_assert_cmpstr (masked, ==, expected);
}

static void
test_mask (void)
{
  g_autofree char *decomposed = g_utf8_normalize ("Bà Trần Thị Bình nói", -1, G_NORMALIZE_NFD);
  static const char * const none[] = { NULL };

  assert_masked ("Bà Trần Thị Bình đề nghị", "Bà (bảo mật) đề nghị");
  /* As people type it: capitals, no marks, đ as d. */
  assert_masked ("bà TRẦN THỊ BÌNH và bà tran thi binh", "bà (bảo mật) và bà (bảo mật)");
  assert_masked ("Trú tại số 12 ngõ 3, thôn Dong.", "Trú tại (bảo mật).");
  /* Whole words: the name "An", not the "an" inside "Tân" or "Anh". Marks aside, "Ăn" is the
   * same word: masking too much is the safe side. */
  assert_masked ("Ông Tân và anh Thanh, Trần Thịnh", "Ông Tân và anh Thanh, Trần Thịnh");
  assert_masked ("Ông An nói, Ông Ăn", "Ông (bảo mật) nói, Ông (bảo mật)");
  /* Decomposed marks go with their letters. */
  {
    g_autofree char *masked = NULL;
    g_autofree char *expected = g_utf8_normalize ("Bà # nói", -1, G_NORMALIZE_NFD);
    static const char * const name[] = { "Trần Thị Bình", NULL };

    masked = dt_text_mask (decomposed, name, "#");
    g_assert_cmpstr (masked, ==, expected);
  }
  g_assert_null (dt_text_mask (NULL, none, "#"));
  {
    g_autofree char *same = dt_text_mask ("không gì", none, "#");
    g_assert_cmpstr (same, ==, "không gì");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/text/fold", test_fold);
  g_test_add_func ("/core/text/sort", test_sort);
  g_test_add_func ("/core/text/date-line", test_date_line);
  g_test_add_func ("/core/text/mask", test_mask);

  return g_test_run ();
}
