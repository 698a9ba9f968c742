/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Draws a one-page A4 PDF with Vietnamese text through Pango and Cairo to the file named on
 * its command line: cross-build.sh runs it under wine to check that the cross-built
 * libraries lay out Vietnamese and write into folders with Vietnamese names. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

int
wmain (int       argc,
       wchar_t **argv)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  char *path;
  int length;

  if (argc != 2)
    {
      fprintf (stderr, "usage: pdf-check FILE.pdf\n");
      return 1;
    }
  length = WideCharToMultiByte (CP_UTF8, 0, argv[1], -1, NULL, 0, NULL, NULL);
  path = malloc ((size_t) length);
  if (length == 0 || path == NULL ||
      WideCharToMultiByte (CP_UTF8, 0, argv[1], -1, path, length, NULL, NULL) != length)
    {
      fprintf (stderr, "pdf-check: the file name is not valid UTF-16\n");
      return 1;
    }

  /* A4 in points; Cairo takes the file name in UTF-8. */
  surface = cairo_pdf_surface_create (path, 595.28, 841.89);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  /* Wine has no Times New Roman; DejaVu Serif comes from the build machine's fonts. */
  font = pango_font_description_from_string ("DejaVu Serif 14");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 450 * PANGO_SCALE);
  pango_layout_set_text (layout, "ĐẢNG BỘ XÃ THẠCH LẠC\nĐối thoại với Nhân dân\n"
                         "Hội nghị đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính "
                         "quyền với Nhân dân năm 2026.", -1);
  cairo_move_to (cr, 72, 72);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);
  g_object_unref (layout);
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "pdf-check: %s\n",
               cairo_status_to_string (cairo_surface_status (surface)));
      return 1;
    }
  cairo_surface_destroy (surface);
  free (path);
  return 0;
}
