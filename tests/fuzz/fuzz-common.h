/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* libFuzzer's entry point: each target defines it; fuzz-replay.c calls it for each file of a
 * corpus when the project is not built for fuzzing. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A finding: the message names what went wrong, then the program stops for the fuzzer. */
#define FUZZ_CHECK(condition, ...)                                                            \
  G_STMT_START {                                                                              \
    if (G_UNLIKELY (!(condition)))                                                            \
      {                                                                                       \
        g_printerr ("fuzz: %s failed: ", #condition);                                         \
        g_printerr (__VA_ARGS__);                                                             \
        g_printerr ("\n");                                                                    \
        abort ();                                                                             \
      }                                                                                       \
  } G_STMT_END

/* The input as a string, cut at its first NUL as a C caller would see it. */
static inline char *
fuzz_string (const uint8_t *data,
             size_t         size)
{
  return g_strndup ((const char *) data, size);
}

/* What every message of the program must be: UTF-8, without the control characters of the
 * input, and short whatever the input (values are quoted at most ~80 characters). */
static inline void
fuzz_check_message (const GError *error,
                    gsize         max_bytes)
{
  FUZZ_CHECK (error != NULL, "no error was set");
  FUZZ_CHECK (error->message != NULL && error->message[0] != '\0', "empty message");
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "message not UTF-8: %s",
              error->message);
  FUZZ_CHECK (strlen (error->message) <= max_bytes, "message of %zu bytes: %.300s…",
              strlen (error->message), error->message);
  for (const char *p = error->message; *p != '\0'; p++)
    FUZZ_CHECK ((guchar) *p >= 0x20 || *p == '\n', "control character 0x%02x in message: %s",
                (guchar) *p, error->message);
}
