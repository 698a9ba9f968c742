/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-text"

#include "config.h"

#include <string.h>

#include "dt-text.h"
#include "dt-util.h"

/* Combining marks of Vietnamese, after canonical decomposition. */
#define MARK_GRAVE      0x0300   /* huyền */
#define MARK_ACUTE      0x0301   /* sắc */
#define MARK_CIRCUMFLEX 0x0302   /* â ê ô */
#define MARK_TILDE      0x0303   /* ngã */
#define MARK_BREVE      0x0306   /* ă */
#define MARK_HOOK       0x0309   /* hỏi */
#define MARK_HORN       0x031B   /* ơ ư */
#define MARK_DOT        0x0323   /* nặng */

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* Folded form of one precomposed letter of the Latin blocks, 0 when it is not one. */
static gunichar fold_table[0x1F00];
static gsize fold_table_ready;

static void
build_fold_table (void)
{
  for (gunichar c = 0; c < G_N_ELEMENTS (fold_table); c++)
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (c == 0x0110 || c == 0x0111)
        {
          fold_table[c] = 'd';
          continue;
        }
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      /* Only letters made of one base and marks; anything else takes the slow path. */
      if (n >= 1 && !is_mark (decomposed[0]))
        {
          gboolean marks_only = TRUE;
          for (gsize i = 1; i < n; i++)
            marks_only &= is_mark (decomposed[i]);
          if (marks_only)
            fold_table[c] = g_unichar_tolower (decomposed[0]);
        }
    }
}

char *
dt_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *folded;
  const char *p;

  if (text == NULL)
    return NULL;

  if (g_once_init_enter (&fold_table_ready))
    {
      build_fold_table ();
      g_once_init_leave (&fold_table_ready, 1);
    }

  /* Fast path: precomposed text, as nearly all of it is after NFC, folds letter by letter. */
  folded = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (folded, g_ascii_tolower ((char) c));
      else if (c < G_N_ELEMENTS (fold_table) && fold_table[c] != 0)
        g_string_append_unichar (folded, fold_table[c]);
      else if (is_mark (c) || c < G_N_ELEMENTS (fold_table))
        break;   /* decomposed input, or a letter outside the table */
      else
        g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  if (*p == '\0')
    return g_string_free (folded, FALSE);
  g_string_free (folded, TRUE);

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  folded = g_string_sized_new (strlen (decomposed));
  for (p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mark (c))
        continue;
      /* đ has no decomposition: it is a letter of its own, folded by hand. */
      if (c == 0x0110 || c == 0x0111)
        c = 'd';
      g_string_append_unichar (folded, g_unichar_tolower (c));
    }
  return g_string_free (folded, FALSE);
}

/* Rank of a base letter with its shape marks (not tones) in the Vietnamese alphabet; the
 * foreign letters f j w z take their Latin places. 0 for anything else. */
static int
letter_rank (gunichar base,
             gboolean breve,
             gboolean circumflex,
             gboolean horn)
{
  static const char order[] = "a\1\2bcd\3e\4fghijklmno\5\6pqrstu\7vwxyz";
  char key;
  const char *found;

  switch (base)
    {
    case 'a':
      key = breve ? '\1' : circumflex ? '\2' : 'a';
      break;
    case 'e':
      key = circumflex ? '\4' : 'e';
      break;
    case 'o':
      key = horn ? '\6' : circumflex ? '\5' : 'o';
      break;
    case 'u':
      key = horn ? '\7' : 'u';
      break;
    case 0x0111:
      key = '\3';
      break;
    default:
      if (base > 'z' || base < 'a')
        return 0;
      key = (char) base;
      break;
    }
  found = memchr (order, key, sizeof order - 1);
  return found != NULL ? (int) (found - order) + 1 : 0;
}

static int
tone_of (gunichar mark)
{
  switch (mark)
    {
    case MARK_GRAVE:
      return 1;
    case MARK_HOOK:
      return 2;
    case MARK_TILDE:
      return 3;
    case MARK_ACUTE:
      return 4;
    case MARK_DOT:
      return 5;
    default:
      return 0;
    }
}

char *
dt_text_sort_key (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *primary;
  GString *tones;
  GString *cases;
  const char *p;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  primary = g_string_new (NULL);
  tones = g_string_new (NULL);
  cases = g_string_new (NULL);

  p = decomposed;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      gunichar lower = g_unichar_tolower (c);
      gboolean breve = FALSE, circumflex = FALSE, horn = FALSE;
      int tone = 0;
      int rank;

      p = g_utf8_next_char (p);
      /* The marks that follow belong to this letter. */
      while (*p != '\0' && is_mark (g_utf8_get_char (p)))
        {
          gunichar mark = g_utf8_get_char (p);

          breve |= mark == MARK_BREVE;
          circumflex |= mark == MARK_CIRCUMFLEX;
          horn |= mark == MARK_HORN;
          if (tone_of (mark) != 0)
            tone = tone_of (mark);
          p = g_utf8_next_char (p);
        }

      if (g_unichar_isspace (c) || (g_unichar_ispunct (c) && c != '&'))
        {
          /* Words compare before their longer continuations: "An" < "An Bình" < "Anh". */
          if (primary->len > 0 && primary->str[primary->len - 1] != '\x01')
            g_string_append_c (primary, '\x01');
          continue;
        }
      if (g_unichar_isdigit (c))
        {
          /* Numbers by value, "Thôn 2" before "Thôn 10": the count of digits, then them. */
          GString *digits = g_string_new (NULL);

          if (g_unichar_digit_value (c) != 0)
            g_string_append_c (digits, (char) ('\x10' + g_unichar_digit_value (c)));
          while (*p != '\0' && g_unichar_isdigit (g_utf8_get_char (p)))
            {
              int value = g_unichar_digit_value (g_utf8_get_char (p));
              if (value != 0 || digits->len > 0)
                g_string_append_c (digits, (char) ('\x10' + value));
              p = g_utf8_next_char (p);
            }
          g_string_append_c (primary, (char) ('\x02' + MIN (digits->len, 13)));
          g_string_append_len (primary, digits->str, digits->len);
          g_string_free (digits, TRUE);
          continue;
        }
      rank = lower == 0x0111 ? letter_rank (0x0111, FALSE, FALSE, FALSE)
                             : letter_rank (lower, breve, circumflex, horn);
      if (rank > 0)
        {
          g_string_append_c (primary, (char) ('\x10' + rank));
          g_string_append_c (tones, (char) ('0' + tone));
          g_string_append_c (cases, c == lower ? '0' : '1');
        }
      else
        {
          /* Other scripts and symbols after every Vietnamese letter, by code point. */
          g_string_append_c (primary, '\x7f');
          g_string_append_unichar (primary, lower);
        }
    }

  /* Trailing separators carry no meaning. */
  while (primary->len > 0 && primary->str[primary->len - 1] == '\x01')
    g_string_truncate (primary, primary->len - 1);
  g_string_append_c (primary, '\x01');
  g_string_append_c (primary, '\x01');
  g_string_append_len (primary, tones->str, tones->len);
  g_string_append_c (primary, '\x01');
  g_string_append_len (primary, cases->str, cases->len);
  g_string_free (tones, TRUE);
  g_string_free (cases, TRUE);
  return g_string_free (primary, FALSE);
}

int
dt_text_compare (const char *a,
                 const char *b)
{
  g_autofree char *key_a = dt_text_sort_key (a);
  g_autofree char *key_b = dt_text_sort_key (b);

  return strcmp (key_a, key_b);
}

/* The folded form of one character: empty for a mark, which belongs to the letter before. */
static char *
fold_one (const char *p,
          const char *next)
{
  g_autofree char *one = g_strndup (p, (gsize) (next - p));

  return dt_text_fold (one);
}

static gboolean
is_word_char_at (const char *folded,
                 gsize       offset)
{
  return g_unichar_isalnum (g_utf8_get_char (folded + offset));
}

typedef struct
{
  gsize start;
  gsize end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

char *
dt_text_mask (const char         *text,
              const char * const *secrets,
              const char         *mask)
{
  g_autoptr(GString) folded = NULL;
  g_autoptr(GArray) starts = NULL;   /* per byte of FOLDED: where its letter begins in TEXT */
  g_autoptr(GArray) ends = NULL;     /* … and where it ends, its marks included */
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GString) masked = NULL;
  gsize last_letter = 0;
  gsize done = 0;

  if (text == NULL)
    return NULL;
  if (secrets == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  folded = g_string_sized_new (strlen (text));
  starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), strlen (text));
  ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);
      gsize start = (gsize) (p - text);
      gsize end = (gsize) (next - text);
      g_autofree char *one = NULL;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (folded, g_ascii_tolower (*p));
          g_array_append_val (starts, start);
          g_array_append_val (ends, end);
          last_letter = folded->len - 1;
          continue;
        }
      one = fold_one (p, next);
      if (*one == '\0')
        {
          /* A mark of the letter before. */
          for (gsize k = last_letter; k < folded->len; k++)
            g_array_index (ends, gsize, k) = end;
          continue;
        }
      last_letter = folded->len;
      g_string_append (folded, one);
      for (gsize k = 0; one[k] != '\0'; k++)
        {
          g_array_append_val (starts, start);
          g_array_append_val (ends, end);
        }
    }

  spans = g_array_new (FALSE, FALSE, sizeof (Span));
  for (guint i = 0; secrets[i] != NULL; i++)
    {
      g_autofree char *secret = dt_text_fold (secrets[i]);
      gsize length;
      const char *found;

      g_strstrip (secret);
      length = strlen (secret);
      if (g_utf8_strlen (secret, -1) < 2)
        continue;
      for (found = strstr (folded->str, secret); found != NULL;
           found = strstr (found + 1, secret))
        {
          gsize at = (gsize) (found - folded->str);
          Span span;

          /* Whole words only: "An" is a name, not the start of "an toàn". */
          if (at > 0 && is_word_char_at (folded->str,
                                         (gsize) (g_utf8_prev_char (found) - folded->str)))
            continue;
          if (at + length < folded->len && is_word_char_at (folded->str, at + length))
            continue;
          span.start = g_array_index (starts, gsize, at);
          span.end = g_array_index (ends, gsize, at + length - 1);
          g_array_append_val (spans, span);
        }
    }
  if (spans->len == 0)
    return g_strdup (text);

  g_array_sort (spans, compare_spans);
  masked = g_string_sized_new (strlen (text));
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      /* Overlapping secrets (a name inside an address) make one mask. */
      if (span->start >= done)
        {
          g_string_append_len (masked, text + done, (gssize) (span->start - done));
          g_string_append (masked, mask);
        }
      done = MAX (done, span->end);
    }
  g_string_append (masked, text + done);
  return g_string_free (g_steal_pointer (&masked), FALSE);
}

char **
dt_text_person_secrets (const char *name,
                        const char *address)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (name != NULL && *name != '\0')
    g_strv_builder_add (builder, name);
  if (address != NULL && *address != '\0')
    {
      const char *comma = strchr (address, ',');

      g_strv_builder_add (builder, address);
      if (comma != NULL)
        {
          g_autofree char *first = g_strstrip (g_strndup (address, (gsize) (comma - address)));

          if (*first != '\0')
            g_strv_builder_add (builder, first);
        }
    }
  return g_strv_builder_end (builder);
}

char **
dt_text_words (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *normal = NULL;
  GString *word = g_string_new (NULL);

  normal = dt_utf8_nfc (text);
  for (const char *p = normal != NULL ? normal : ""; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Letters and digits make words, as FTS5's unicode61 tokenizer reads them; a mark left
       * over after NFC (no precomposed letter holds it) separates, as it does there. */
      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_strv_builder_add (builder, word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return g_strv_builder_end (builder);
}

char *
dt_text_date_words (const GDate *date)
{
  guint month;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  month = g_date_get_month (date);
  return g_strdup_printf (month <= 2 ? "ngày %02u tháng %02u năm %u" : "ngày %02u tháng %u năm %u",
                          g_date_get_day (date), month, g_date_get_year (date));
}

char *
dt_text_date_line (const char  *place,
                   const GDate *date)
{
  g_autofree char *words = dt_text_date_words (date);

  if (place == NULL || *place == '\0')
    return g_steal_pointer (&words);
  return g_strdup_printf ("%s, %s", place, words);
}
