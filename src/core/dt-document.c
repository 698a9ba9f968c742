/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-document"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dt-document.h"
#include "dt-output.h"
#include "dt-error.h"
#include "dt-util.h"

#define PT_PER_MM (72.0 / 25.4)

/* Times New Roman where it is (Windows); its metric twins elsewhere. */
#define FONT_FAMILY "Times New Roman,Liberation Serif,Tinos,serif"

/* Sizes of Hướng dẫn 36-HD/VPTW, in points. */
#define BODY_SIZE             14.0
#define TITLE_SIZE            16.0
#define PARTY_SIZE            15.0
#define SUBJECT_SIZE          12.0
#define TABLE_SIZE            12.0
#define RECIPIENTS_TITLE_SIZE 12.0
#define RECIPIENTS_SIZE       11.0

#define INDENT            (10.0 * PT_PER_MM)   /* first line of a paragraph */
#define LINE_GAP          2.0                  /* between the lines of a paragraph */
#define PARAGRAPH_SPACE   6.0                  /* above a paragraph */
#define TABLE_SPACE       8.0                  /* above and below a table */
#define TITLE_SPACE       20.0                 /* between the heading and the title */
#define BODY_SPACE        10.0                 /* between the title block and the body */
#define END_SPACE         14.0                 /* above "Nơi nhận" and the signatures */
#define SIGNATURE_SPACE   72.0                 /* room for the signature and the seal */
#define PAGE_NUMBER_SPACE 8.0                  /* under the page number */
#define CELL_PAD_X        3.0
#define CELL_PAD_Y        2.5
#define CELL_MAX_LINES    24                   /* a longer cell is cut short: a row fits a page */
#define RULE_WIDTH        0.6
#define BORDER_WIDTH      0.5
#define HEADING_LEFT      0.45                 /* share of the text width: superior and issuer */
#define RECIPIENTS_WIDTH  0.45                 /* share of the text width: "Nơi nhận" */

typedef enum
{
  BLOCK_TEXT,
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  BlockKind        kind;
  DtTextStyle      style;
  char            *markup;
  DtDocumentTable *table;
} Block;

struct _DtDocumentTable
{
  DtDocument     *document;
  guint           n_columns;
  double         *widths;        /* shares of the text width, adding up to 1 */
  PangoAlignment *aligns;
  GPtrArray      *rows;          /* of GStrv, N_COLUMNS each; the first is the header */
};

typedef struct
{
  char *on_behalf;
  char *title;
  char *name;
} Signature;

/* Something drawn at a place: a layout, or a rule when LAYOUT is NULL. */
typedef struct
{
  PangoLayout *layout;
  double       x;
  double       y;
  double       x1;             /* rules: where the line ends */
} Piece;

typedef enum
{
  UNIT_FIGURE,                 /* the heading and title, or the end: pieces, never split */
  UNIT_LINE,                   /* one line of a paragraph */
  UNIT_ROW,                    /* one row of a table, never split */
} UnitKind;

typedef struct _Unit Unit;

struct _Unit
{
  UnitKind     kind;
  double       height;
  double       space_before;   /* dropped at the top of a page */
  gboolean     keep_with_next;
  /* UNIT_LINE */
  PangoLayout *layout;
  int          line;
  double       x;
  double       baseline;
  /* UNIT_ROW: the table's geometry, cells, and the header row it repeats on a new page */
  DtDocumentTable *table;
  GPtrArray   *cells;          /* of PangoLayout */
  Unit        *header;
  /* UNIT_FIGURE */
  GArray      *pieces;         /* of Piece */
};

typedef struct
{
  Unit   *unit;
  double  y;
} Placement;

struct _DtDocument
{
  double       top;
  double       bottom;
  double       left;
  double       right;
  char        *superior;
  char        *issuer;
  char        *number;
  char        *subject;
  char        *date_line;
  char        *title;
  char        *summary;
  char        *name;
  GPtrArray   *blocks;         /* of Block */
  GStrv        recipients;
  GPtrArray   *signatures;     /* of Signature */

  /* The layout, made on first need. */
  PangoContext *context;
  GPtrArray    *layouts;       /* paragraphs' layouts, owned */
  GPtrArray    *units;         /* of Unit */
  GPtrArray    *pages;         /* of GArray of Placement */
};

static void
block_free (Block *block)
{
  g_free (block->markup);
  if (block->table != NULL)
    {
      g_ptr_array_unref (block->table->rows);
      g_free (block->table->widths);
      g_free (block->table->aligns);
      g_free (block->table);
    }
  g_free (block);
}

static void
signature_free (Signature *signature)
{
  g_free (signature->on_behalf);
  g_free (signature->title);
  g_free (signature->name);
  g_free (signature);
}

static void
piece_clear (Piece *piece)
{
  g_clear_object (&piece->layout);
}

static void
unit_free (Unit *unit)
{
  g_clear_pointer (&unit->cells, g_ptr_array_unref);
  g_clear_pointer (&unit->pieces, g_array_unref);
  g_free (unit);
}

static void
clear_layout (DtDocument *self)
{
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = value != NULL && *value != '\0' ? g_utf8_normalize (value, -1, G_NORMALIZE_NFC)
                                               : NULL;

  g_free (*field);
  *field = copy;
}

/* Layouts */

static PangoContext *
get_context (DtDocument *self)
{
  if (self->context == NULL)
    {
      cairo_font_options_t *options = cairo_font_options_create ();

      /* The same glyph positions on every target: no hinting, no rounding. */
      cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_resolution (self->context, 72.0);
      pango_cairo_context_set_font_options (self->context, options);
      pango_context_set_round_glyph_positions (self->context, FALSE);
      pango_context_set_language (self->context, pango_language_from_string ("vi"));
      cairo_font_options_destroy (options);
    }
  return self->context;
}

static double
text_width (DtDocument *self)
{
  return DT_DOCUMENT_PAGE_WIDTH - self->left - self->right;
}

static PangoLayout *
new_layout (DtDocument     *self,
            double          size,
            PangoWeight     weight,
            PangoStyle      style,
            double          width,
            PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (get_context (self));
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

/* Vietnamese is written in syllables: a word cut at a line's end takes no hyphen. */
static void
no_hyphens (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_layout_get_attributes (layout);

  attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Markup checked first: a layout given broken markup would show nothing. */
static void
set_markup (PangoLayout *layout,
            const char  *markup)
{
  if (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, markup, -1);
  else
    pango_layout_set_text (layout, markup, -1);
  no_hyphens (layout);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_first_baseline (PangoLayout *layout)
{
  return (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
}

/* Adds a piece of text to a figure at (X, Y), WIDTH wide; returns its height. */
static double
add_piece (DtDocument     *self,
           GArray         *pieces,
           const char     *markup,
           double          size,
           PangoWeight     weight,
           PangoStyle      style,
           PangoAlignment  alignment,
           double          x,
           double          y,
           double          width,
           PangoLayout   **out_layout)
{
  Piece piece = { 0 };

  piece.layout = new_layout (self, size, weight, style, width, alignment);
  set_markup (piece.layout, markup);
  piece.x = x;
  piece.y = y;
  g_array_append_val (pieces, piece);
  if (out_layout != NULL)
    *out_layout = piece.layout;
  return layout_height (piece.layout);
}

static void
add_rule (GArray *pieces,
          double  x0,
          double  x1,
          double  y)
{
  Piece piece = { NULL, x0, y, x1 };

  g_array_append_val (pieces, piece);
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static char *
escape_upper (const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);

  return escape (upper);
}

static GArray *
new_pieces (void)
{
  GArray *pieces = g_array_new (FALSE, TRUE, sizeof (Piece));

  g_array_set_clear_func (pieces, (GDestroyNotify) piece_clear);
  return pieces;
}

static Unit *
add_unit (DtDocument *self,
          UnitKind    kind,
          double      height,
          double      space_before,
          gboolean    keep_with_next)
{
  Unit *unit = g_new0 (Unit, 1);

  unit->kind = kind;
  unit->height = height;
  unit->space_before = space_before;
  unit->keep_with_next = keep_with_next;
  g_ptr_array_add (self->units, unit);
  return unit;
}

/* The heading of Hướng dẫn 36: superior, issuer, "*" and the number on the left; "ĐẢNG CỘNG
 * SẢN VIỆT NAM" underlined and the date line, level with the number, on the right. Then the
 * title, the summary and its short rule. */
static void
layout_head (DtDocument *self)
{
  GArray *pieces = new_pieces ();
  double width = text_width (self);
  double left_width = width * HEADING_LEFT;
  double right_x = left_width;
  double right_width = width - left_width;
  double y = 0;
  double number_baseline = -1;
  double left_bottom;
  double right_y;
  double bottom;
  PangoLayout *layout;
  Unit *unit;

  if (self->superior != NULL)
    {
      g_autofree char *markup = escape_upper (self->superior);
      y += add_piece (self, pieces, markup, BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_CENTER, 0, y, left_width, NULL);
    }
  if (self->issuer != NULL)
    {
      g_autofree char *markup = escape_upper (self->issuer);
      y += add_piece (self, pieces, markup, BODY_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_CENTER, 0, y, left_width, NULL);
    }
  y += add_piece (self, pieces, "*", BODY_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL,
                  PANGO_ALIGN_CENTER, 0, y, left_width, NULL);
  if (self->number != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("Số %s", self->number);
      double height = add_piece (self, pieces, markup, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                 PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER, 0, y, left_width,
                                 &layout);

      number_baseline = y + layout_first_baseline (layout);
      y += height;
    }
  if (self->subject != NULL)
    {
      g_autofree char *markup = escape (self->subject);
      y += 2;
      y += add_piece (self, pieces, markup, SUBJECT_SIZE, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC,
                      PANGO_ALIGN_CENTER, 0, y, left_width, NULL);
    }
  left_bottom = y;

  /* The rule under the party's name is as long as the name itself (HD 36). */
  {
    double height = add_piece (self, pieces, "ĐẢNG CỘNG SẢN VIỆT NAM", PARTY_SIZE,
                               PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER,
                               right_x, 0, right_width, &layout);
    PangoLayoutIter *iter = pango_layout_get_iter (layout);
    PangoRectangle logical;
    double x0;

    /* In the layout's own coordinates, where the centring is. */
    pango_layout_iter_get_line_extents (iter, NULL, &logical);
    pango_layout_iter_free (iter);
    x0 = right_x + (double) logical.x / PANGO_SCALE;
    add_rule (pieces, x0, x0 + (double) logical.width / PANGO_SCALE, height + 1.0);
    right_y = height + 1.0 + RULE_WIDTH;
  }
  if (self->date_line != NULL)
    {
      g_autofree char *markup = escape (self->date_line);
      PangoLayout *date_layout = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                             PANGO_STYLE_ITALIC, right_width, PANGO_ALIGN_CENTER);
      double top;
      Piece piece = { 0 };

      set_markup (date_layout, markup);
      /* Level with the number, unless that would touch the rule. */
      top = right_y + 8.0;
      if (number_baseline >= 0)
        top = MAX (top, number_baseline - layout_first_baseline (date_layout));
      piece.layout = date_layout;
      piece.x = right_x;
      piece.y = top;
      g_array_append_val (pieces, piece);
      right_y = top + layout_height (date_layout);
    }
  bottom = MAX (left_bottom, right_y);

  if (self->title != NULL)
    {
      g_autofree char *markup = escape_upper (self->title);
      bottom += TITLE_SPACE;
      bottom += add_piece (self, pieces, markup, TITLE_SIZE, PANGO_WEIGHT_BOLD,
                           PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER, 0, bottom, width, NULL);
      if (self->summary != NULL)
        {
          g_autofree char *summary = escape (self->summary);
          bottom += add_piece (self, pieces, summary, BODY_SIZE, PANGO_WEIGHT_BOLD,
                               PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER, width * 0.075, bottom,
                               width * 0.85, NULL);
        }
      bottom += add_piece (self, pieces, "-----", BODY_SIZE, PANGO_WEIGHT_NORMAL,
                           PANGO_STYLE_NORMAL, PANGO_ALIGN_CENTER, 0, bottom, width, NULL);
    }
  bottom += BODY_SPACE;

  unit = add_unit (self, UNIT_FIGURE, bottom, 0, TRUE);
  unit->pieces = pieces;
}

static void
layout_paragraph (DtDocument  *self,
                  DtTextStyle  style,
                  const char  *markup)
{
  gboolean centered = style == DT_TEXT_CENTERED;
  gboolean keep = style == DT_TEXT_HEADING || style == DT_TEXT_CENTERED;
  PangoLayout *layout;
  PangoLayoutIter *iter;
  int n_lines;
  int index = 0;

  layout = new_layout (self, BODY_SIZE,
                       style == DT_TEXT_HEADING ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                       style == DT_TEXT_NOTE ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL,
                       text_width (self), centered ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  if (!centered)
    {
      pango_layout_set_justify (layout, TRUE);
      pango_layout_set_indent (layout, (int) (INDENT * PANGO_SCALE));
    }
  pango_layout_set_spacing (layout, (int) (LINE_GAP * PANGO_SCALE));
  set_markup (layout, markup);
  g_ptr_array_add (self->layouts, layout);

  n_lines = pango_layout_get_line_count (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double top;
      Unit *unit;
      /* No first line alone at the foot of a page, no last line alone at the top. */
      gboolean keep_line = keep || (n_lines > 1 && (index == 0 || index == n_lines - 2));

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      unit = add_unit (self, UNIT_LINE, (double) logical.height / PANGO_SCALE + LINE_GAP,
                       index == 0 ? PARAGRAPH_SPACE : 0, keep_line);
      unit->layout = layout;
      unit->line = index;
      unit->x = (double) logical.x / PANGO_SCALE;
      unit->baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE - top;
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
layout_table (DtDocument      *self,
              DtDocumentTable *table)
{
  double width = text_width (self);
  Unit *header = NULL;

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);
      double height = 0;
      Unit *unit;

      for (guint c = 0; c < table->n_columns; c++)
        {
          double cell_width = width * table->widths[c] - 2 * CELL_PAD_X;
          PangoLayout *layout = new_layout (self, TABLE_SIZE,
                                            r == 0 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                            PANGO_STYLE_NORMAL, MAX (cell_width, 1.0),
                                            r == 0 ? PANGO_ALIGN_CENTER : table->aligns[c]);

          pango_layout_set_text (layout, cells[c] != NULL ? cells[c] : "", -1);
          no_hyphens (layout);
          pango_layout_set_height (layout, -CELL_MAX_LINES);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          height = MAX (height, layout_height (layout));
          g_ptr_array_add (layouts, layout);
        }

      unit = add_unit (self, UNIT_ROW, height + 2 * CELL_PAD_Y, r == 0 ? TABLE_SPACE : 0,
                       r == 0);
      unit->table = table;
      unit->cells = layouts;
      unit->header = header;
      if (r == 0)
        header = unit;
    }
}

/* One signature, centred in a column: on behalf of, title, room to sign, name. */
static double
layout_signature (DtDocument      *self,
                  GArray          *pieces,
                  const Signature *signature,
                  double           x,
                  double           width)
{
  double y = 0;

  if (signature->on_behalf != NULL)
    {
      g_autofree char *markup = escape_upper (signature->on_behalf);
      y += add_piece (self, pieces, markup, BODY_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_CENTER, x, y, width, NULL);
    }
  if (signature->title != NULL)
    {
      g_autofree char *markup = escape_upper (signature->title);
      y += add_piece (self, pieces, markup, BODY_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_CENTER, x, y, width, NULL);
    }
  y += SIGNATURE_SPACE;
  if (signature->name != NULL)
    {
      g_autofree char *markup = escape (signature->name);
      y += add_piece (self, pieces, markup, BODY_SIZE, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL,
                      PANGO_ALIGN_CENTER, x, y, width, NULL);
    }
  return y;
}

static void
layout_end (DtDocument *self)
{
  GArray *pieces;
  double width = text_width (self);
  double left_width = width * RECIPIENTS_WIDTH;
  double height = 0;
  Unit *unit;

  if (self->recipients == NULL && self->signatures->len == 0)
    return;

  pieces = new_pieces ();
  if (self->signatures->len >= 2)
    {
      /* Side by side, each in half the width (minutes: secretary, then chair). */
      height = MAX (layout_signature (self, pieces, g_ptr_array_index (self->signatures, 0),
                                      0, width / 2),
                    layout_signature (self, pieces, g_ptr_array_index (self->signatures, 1),
                                      width / 2, width / 2));
    }
  else
    {
      if (self->recipients != NULL)
        {
          g_autoptr(GString) lines = g_string_new (NULL);
          PangoLayout *layout;
          double y;

          y = add_piece (self, pieces, "Nơi nhận:", RECIPIENTS_TITLE_SIZE, PANGO_WEIGHT_BOLD,
                         PANGO_STYLE_ITALIC, PANGO_ALIGN_LEFT, 0, 0, left_width, NULL);
          for (guint i = 0; self->recipients[i] != NULL; i++)
            {
              g_autofree char *line = escape (self->recipients[i]);
              g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", line);
            }
          y += add_piece (self, pieces, lines->str, RECIPIENTS_SIZE, PANGO_WEIGHT_NORMAL,
                          PANGO_STYLE_NORMAL, PANGO_ALIGN_LEFT, 0, y, left_width, &layout);
          /* A recipient too long for a line goes on under its own text, past the dash. */
          pango_layout_set_indent (layout, (int) (-6.0 * PANGO_SCALE));
          height = MAX (height, y);
        }
      if (self->signatures->len == 1)
        height = MAX (height, layout_signature (self, pieces,
                                                g_ptr_array_index (self->signatures, 0),
                                                left_width, width - left_width));
    }

  /* Never alone on a page: the last line before it goes along. */
  if (self->units->len > 0)
    ((Unit *) g_ptr_array_index (self->units, self->units->len - 1))->keep_with_next = TRUE;
  unit = add_unit (self, UNIT_FIGURE, height, END_SPACE, FALSE);
  unit->pieces = pieces;
}

static double
page_number_height (DtDocument *self)
{
  g_autoptr(PangoLayout) layout = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                              PANGO_STYLE_NORMAL, text_width (self),
                                              PANGO_ALIGN_CENTER);

  pango_layout_set_text (layout, "0", -1);
  return layout_height (layout) + PAGE_NUMBER_SPACE;
}

static GArray *
new_page (GPtrArray *pages)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_ptr_array_add (pages, page);
  return page;
}

/* Units go onto pages in order. One that does not fit starts a new page, and takes along
 * the units before it that must stay with it (headings, a paragraph's first line, the table
 * header with its first row, the last line before the signatures), unless they fill the page
 * by themselves. A table row that starts a page has its table's header row drawn above it. */
static void
paginate (DtDocument *self)
{
  double bottom = DT_DOCUMENT_PAGE_HEIGHT - self->bottom;
  double number_height = page_number_height (self);
  GArray *page;
  guint first = 0;             /* index of the first unit on the page */
  double y;
  guint i = 0;

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  page = new_page (self->pages);
  y = self->top;

  while (i < self->units->len)
    {
      Unit *unit = g_ptr_array_index (self->units, i);
      gboolean empty = page->len == 0;
      double header = 0;
      double need;

      if (empty && unit->kind == UNIT_ROW && unit->header != NULL)
        header = unit->header->height;
      need = (empty ? 0 : unit->space_before) + header + unit->height;

      if (!empty && y + need > bottom)
        {
          guint start = i;

          while (start > first &&
                 ((Unit *) g_ptr_array_index (self->units, start - 1))->keep_with_next)
            start--;
          if (start > first)
            {
              /* Take the units from START back off this page. */
              while (page->len > 0 &&
                     g_array_index (page, Placement, page->len - 1).unit !=
                     g_ptr_array_index (self->units, start - 1))
                g_array_set_size (page, page->len - 1);
              i = start;
            }
          page = new_page (self->pages);
          first = i;
          y = self->top + number_height;
          continue;
        }

      if (!empty)
        y += unit->space_before;
      if (header > 0)
        {
          Placement placement = { unit->header, y };
          g_array_append_val (page, placement);
          y += header;
        }
      {
        Placement placement = { unit, y };
        g_array_append_val (page, placement);
      }
      y += unit->height;
      i++;
    }
}

static void
ensure_layout (DtDocument *self)
{
  if (self->pages != NULL)
    return;

  self->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);

  layout_head (self);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      guint first = self->units->len;

      /* A note (the answer to an opinion) stays with the paragraph it is about. */
      if (block->kind == BLOCK_TEXT && block->style == DT_TEXT_NOTE && first > 0)
        ((Unit *) g_ptr_array_index (self->units, first - 1))->keep_with_next = TRUE;
      if (block->kind == BLOCK_TEXT)
        layout_paragraph (self, block->style, block->markup);
      else if (block->table->rows->len > 0)
        layout_table (self, block->table);
      /* A little more room under a table than between paragraphs. */
      if (i > 0 && first < self->units->len &&
          ((Block *) g_ptr_array_index (self->blocks, i - 1))->kind == BLOCK_TABLE)
        {
          Unit *unit = g_ptr_array_index (self->units, first);
          unit->space_before = MAX (unit->space_before, TABLE_SPACE);
        }
    }
  layout_end (self);
  paginate (self);
}

/* Drawing */

static void
draw_unit (DtDocument *self,
           cairo_t    *cr,
           Unit       *unit,
           double      y)
{
  double x = self->left;

  switch (unit->kind)
    {
    case UNIT_LINE:
      cairo_move_to (cr, x + unit->x, y + unit->baseline);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (unit->layout,
                                                                        unit->line));
      break;

    case UNIT_ROW:
      {
        double width = text_width (self);
        double cell_x = x;

        cairo_set_line_width (cr, BORDER_WIDTH);
        for (guint c = 0; c < unit->cells->len; c++)
          {
            PangoLayout *layout = g_ptr_array_index (unit->cells, c);
            double cell_width = width * unit->table->widths[c];
            double inner = unit->height - 2 * CELL_PAD_Y;
            double offset = (inner - layout_height (layout)) / 2;

            cairo_rectangle (cr, cell_x, y, cell_width, unit->height);
            cairo_stroke (cr);
            cairo_move_to (cr, cell_x + CELL_PAD_X, y + CELL_PAD_Y + MAX (offset, 0));
            pango_cairo_show_layout (cr, layout);
            cell_x += cell_width;
          }
      }
      break;

    case UNIT_FIGURE:
      for (guint p = 0; p < unit->pieces->len; p++)
        {
          Piece *piece = &g_array_index (unit->pieces, Piece, p);

          if (piece->layout != NULL)
            {
              cairo_move_to (cr, x + piece->x, y + piece->y);
              pango_cairo_show_layout (cr, piece->layout);
            }
          else
            {
              cairo_set_line_width (cr, RULE_WIDTH);
              cairo_move_to (cr, x + piece->x, y + piece->y);
              cairo_line_to (cr, x + piece->x1, y + piece->y);
              cairo_stroke (cr);
            }
        }
      break;

    default:
      g_assert_not_reached ();
    }
}


static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Public API */

DtDocument *
dt_document_new (void)
{
  DtDocument *self = g_new0 (DtDocument, 1);

  self->top = 20 * PT_PER_MM;
  self->bottom = 20 * PT_PER_MM;
  self->left = 30 * PT_PER_MM;
  self->right = 15 * PT_PER_MM;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) signature_free);
  return self;
}

void
dt_document_free (DtDocument *self)
{
  if (self == NULL)
    return;

  clear_layout (self);
  g_clear_object (&self->context);
  g_free (self->superior);
  g_free (self->issuer);
  g_free (self->number);
  g_free (self->subject);
  g_free (self->date_line);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->name);
  g_ptr_array_unref (self->blocks);
  g_strfreev (self->recipients);
  g_ptr_array_unref (self->signatures);
  g_free (self);
}

void
dt_document_set_margins (DtDocument *self,
                         double      top,
                         double      bottom,
                         double      left,
                         double      right)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (top >= 0 && bottom >= 0 && left >= 0 && right >= 0);
  g_return_if_fail (top + bottom < 200 && left + right < 150);

  clear_layout (self);
  self->top = top * PT_PER_MM;
  self->bottom = bottom * PT_PER_MM;
  self->left = left * PT_PER_MM;
  self->right = right * PT_PER_MM;
}

void
dt_document_set_heading (DtDocument *self,
                         const char *superior,
                         const char *issuer,
                         const char *number,
                         const char *subject,
                         const char *date_line)
{
  g_return_if_fail (self != NULL);

  clear_layout (self);
  replace_string (&self->superior, superior);
  replace_string (&self->issuer, issuer);
  replace_string (&self->number, number);
  replace_string (&self->subject, subject);
  replace_string (&self->date_line, date_line);
}

void
dt_document_set_title (DtDocument *self,
                       const char *title,
                       const char *summary)
{
  g_return_if_fail (self != NULL);

  clear_layout (self);
  replace_string (&self->title, title);
  replace_string (&self->summary, summary);
}

void
dt_document_set_name (DtDocument *self,
                      const char *name)
{
  g_return_if_fail (self != NULL);

  replace_string (&self->name, name);
}

const char *
dt_document_get_name (DtDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

void
dt_document_add_markup (DtDocument  *self,
                        DtTextStyle  style,
                        const char  *markup)
{
  g_auto(GStrv) paragraphs = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (markup != NULL);

  clear_layout (self);
  paragraphs = g_strsplit (markup, "\n", -1);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      Block *block;
      g_autofree char *text = g_strstrip (g_utf8_normalize (paragraphs[i], -1,
                                                             G_NORMALIZE_NFC));

      if (*text == '\0')
        continue;
      block = g_new0 (Block, 1);
      block->kind = BLOCK_TEXT;
      block->style = style;
      block->markup = g_steal_pointer (&text);
      g_ptr_array_add (self->blocks, block);
    }
}

void
dt_document_add_text (DtDocument  *self,
                      DtTextStyle  style,
                      const char  *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  markup = g_markup_escape_text (text, -1);
  dt_document_add_markup (self, style, markup);
}

void
dt_document_add_printf (DtDocument  *self,
                        DtTextStyle  style,
                        const char  *format,
                        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  dt_document_add_text (self, style, text);
}

DtDocumentTable *
dt_document_add_table (DtDocument           *self,
                       guint                 n_columns,
                       const double         *widths,
                       const PangoAlignment *aligns)
{
  DtDocumentTable *table;
  Block *block;
  double total = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_columns > 0, NULL);
  g_return_val_if_fail (widths != NULL, NULL);

  clear_layout (self);
  table = g_new0 (DtDocumentTable, 1);
  table->document = self;
  table->n_columns = n_columns;
  table->widths = g_new (double, n_columns);
  table->aligns = g_new (PangoAlignment, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint c = 0; c < n_columns; c++)
    total += MAX (widths[c], 0.0);
  for (guint c = 0; c < n_columns; c++)
    {
      table->widths[c] = total > 0 ? MAX (widths[c], 0.0) / total : 1.0 / n_columns;
      table->aligns[c] = aligns != NULL ? aligns[c] : PANGO_ALIGN_LEFT;
    }

  block = g_new0 (Block, 1);
  block->kind = BLOCK_TABLE;
  block->table = table;
  g_ptr_array_add (self->blocks, block);
  return table;
}

void
dt_document_table_add_row (DtDocumentTable    *table,
                           const char * const *cells)
{
  GStrv row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  clear_layout (table->document);
  row = g_new0 (char *, table->n_columns + 1);
  for (guint c = 0; c < table->n_columns; c++)
    row[c] = cells[c] != NULL ? g_utf8_normalize (cells[c], -1, G_NORMALIZE_NFC)
                              : g_strdup ("");
  g_ptr_array_add (table->rows, row);
}

void
dt_document_set_recipients (DtDocument         *self,
                            const char * const *lines)
{
  g_return_if_fail (self != NULL);

  clear_layout (self);
  g_strfreev (self->recipients);
  self->recipients = lines != NULL && lines[0] != NULL ? g_strdupv ((char **) lines) : NULL;
}

void
dt_document_add_signature (DtDocument *self,
                           const char *on_behalf,
                           const char *title,
                           const char *name)
{
  Signature *signature;

  g_return_if_fail (self != NULL);

  clear_layout (self);
  signature = g_new0 (Signature, 1);
  replace_string (&signature->on_behalf, on_behalf);
  replace_string (&signature->title, title);
  replace_string (&signature->name, name);
  g_ptr_array_add (self->signatures, signature);
}

int
dt_document_get_n_pages (DtDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  ensure_layout (self);
  return (int) self->pages->len;
}

void
dt_document_draw_page (DtDocument *self,
                       cairo_t    *cr,
                       int         page)
{
  GArray *placements;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  ensure_layout (self);
  g_return_if_fail (page >= 0 && (guint) page < self->pages->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* Page numbers from page 2: centred at the top of the text (HD 36). */
  if (page > 0)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                                  PANGO_STYLE_NORMAL, text_width (self),
                                                  PANGO_ALIGN_CENTER);
      g_autofree char *number = g_strdup_printf ("%d", page + 1);

      pango_layout_set_text (layout, number, -1);
      cairo_move_to (cr, self->left, self->top);
      pango_cairo_show_layout (cr, layout);
    }

  placements = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < placements->len; i++)
    {
      Placement *placement = &g_array_index (placements, Placement, i);
      draw_unit (self, cr, placement->unit, placement->y);
    }
  cairo_restore (cr);
}

gboolean
dt_document_write_pdf (DtDocument  *self,
                       const char  *path,
                       DtDatabase  *database,
                       GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int n_pages;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_pages = dt_document_get_n_pages (self);
  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes,
                                                 DT_DOCUMENT_PAGE_WIDTH,
                                                 DT_DOCUMENT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "DoiThoai");
  if (self->name != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->name);
  cr = cairo_create (surface);
  for (int page = 0; page < n_pages; page++)
    {
      dt_document_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_IO, _("“%s” could not be drawn: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return dt_output_write_file (path, database, bytes->data, bytes->len, error);
}
