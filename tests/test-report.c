/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report forms (DESIGN §6): periods, every figure of every period kind on a small office
 * whose answers were worked out by hand (below, petition by petition), the same figures
 * computed again here from the test's own table by the rules of §2.2, the workbook read back
 * with python3-openpyxl, and the console program's bad input. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <jansson.h>

#include "dt-error.h"
#include "dt-period.h"
#include "dt-records.h"
#include "dt-report.h"
#include "dt-status.h"
#include "dt-test-util.h"
#include "dt-util.h"

/* ------------------------------------------------------------------------------------------
 * Periods
 * ------------------------------------------------------------------------------------------ */

static void
assert_period (const char   *text,
               DtPeriodKind  kind,
               const char   *start,
               const char   *end,
               const char   *canonical,
               const char   *title_vi)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start_iso = NULL;
  g_autofree char *end_iso = NULL;
  g_autofree char *string = NULL;
  g_autofree char *title = NULL;
  DtPeriod period, again;

  g_assert_true (dt_period_parse (text, &period, &error));
  g_assert_no_error (error);
  g_assert_cmpint (period.kind, ==, kind);
  start_iso = dt_date_to_iso (&period.start);
  end_iso = dt_date_to_iso (&period.end);
  g_assert_cmpstr (start_iso, ==, start);
  g_assert_cmpstr (end_iso, ==, end);
  string = dt_period_to_string (&period);
  g_assert_cmpstr (string, ==, canonical);
  title = dt_period_title_vi (&period);
  g_assert_cmpstr (title, ==, title_vi);
  /* What it writes, it reads back. */
  g_assert_true (dt_period_parse (string, &again, NULL));
  g_assert_true (dt_period_equal (&period, &again));
}

static void
test_period_parse (void)
{
  assert_period ("2025-06", DT_PERIOD_MONTH, "2025-06-01", "2025-06-30", "2025-06",
                 "Tháng 6 năm 2025");
  assert_period (" 2024-2 ", DT_PERIOD_MONTH, "2024-02-01", "2024-02-29", "2024-02",
                 "Tháng 2 năm 2024");
  assert_period ("2025-Q2", DT_PERIOD_QUARTER, "2025-04-01", "2025-06-30", "2025-Q2",
                 "Quý II năm 2025");
  assert_period ("2025-q4", DT_PERIOD_QUARTER, "2025-10-01", "2025-12-31", "2025-Q4",
                 "Quý IV năm 2025");
  assert_period ("2025-H1", DT_PERIOD_HALF, "2025-01-01", "2025-06-30", "2025-H1",
                 "6 tháng đầu năm 2025");
  assert_period ("2025-h2", DT_PERIOD_HALF, "2025-07-01", "2025-12-31", "2025-H2",
                 "6 tháng cuối năm 2025");
  assert_period ("2025-9M", DT_PERIOD_NINE_MONTHS, "2025-01-01", "2025-09-30", "2025-9M",
                 "9 tháng năm 2025");
  assert_period ("2025", DT_PERIOD_YEAR, "2025-01-01", "2025-12-31", "2025", "Năm 2025");
  assert_period ("2021..2025", DT_PERIOD_YEARS, "2021-01-01", "2025-12-31", "2021..2025",
                 "Giai đoạn 2021 - 2025");
  assert_period ("2025..2025", DT_PERIOD_YEARS, "2025-01-01", "2025-12-31", "2025..2025",
                 "Giai đoạn 2025 - 2025");
  assert_period ("2025-04-01..2025-05-15", DT_PERIOD_RANGE, "2025-04-01", "2025-05-15",
                 "2025-04-01..2025-05-15", "Từ ngày 01/04/2025 đến ngày 15/05/2025");
  assert_period ("2025-05-15..2025-05-15", DT_PERIOD_RANGE, "2025-05-15", "2025-05-15",
                 "2025-05-15..2025-05-15", "Từ ngày 15/05/2025 đến ngày 15/05/2025");
}

static void
test_period_errors (void)
{
  static const struct {
    const char *text;
    const char *says;   /* a part of the message that names what is wrong */
  } cases[] = {
    { "", "No period" },
    { "   ", "No period" },
    { "2025-13", "month 13" },
    { "2025-00", "month 0" },
    { "2025-Q5", "quarter 5" },
    { "2025-Q0", "quarter 0" },
    { "2025-H3", "half year 3" },
    { "2025-6M", "9M" },
    { "2025-Q", "“2025-Q” is not a period" },
    { "next year", "“next year” is not a period" },
    { "25-06", "“25-06” is not a period" },
    { "20255", "“20255” is not a period" },
    { "1899", "1899" },
    { "2025..2021", "ends before it starts" },
    { "2000..2025", "26 years" },
    { "2025-06-30..2025-04-01", "starts on 30/06/2025, after it ends on 01/04/2025" },
    { "2025-02-30..2025-03-01", "“2025-02-30”" },
    { "2025-01-01..", "is not a period" },
    { "2025-06-15", "single day" },
    { "2025..2025-06-30", "is not a period" },
    /* Found by fuzzing: what was typed reached the message as it was. */
    { "2s021..202521.20\001", "“2s021..202521.20\\u0001” is not a period" },
    { "20\37725", "“20\\xFF25” is not a period" },
    { "2025-1\033[2J8M", "“2025-1\\u001B[2J8M”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      DtPeriod period;

      g_assert_false (dt_period_parse (cases[i].text, &period, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s”: the message “%s” does not say “%s”", cases[i].text, error->message,
                 cases[i].says);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      for (const char *p = error->message; *p != '\0'; p++)
        g_assert_cmpint ((guchar) *p, >=, 0x20);
    }

  /* A value of any length is quoted in a few words. */
  {
    g_autofree char *long_text = g_strnfill (100000, '7');
    g_autoptr(GError) error = NULL;
    DtPeriod period;

    g_assert_false (dt_period_parse (long_text, &period, &error));
    g_assert_cmpuint (strlen (error->message), <, 600);
  }
}

static void
set_date (GDate      *date,
          const char *iso)
{
  g_assert_true (dt_date_parse (iso, date));
}

static void
assert_date (const GDate *date,
             const char  *iso)
{
  g_autofree char *text = dt_date_to_iso (date);
  g_assert_cmpstr (text, ==, iso);
}

static void
test_period_as_of (void)
{
  g_autoptr(GError) error = NULL;
  DtPeriod period;
  GDate today, as_of;

  dt_period_parse ("2025-Q2", &period, NULL);
  /* The earlier of the period's end and today. */
  set_date (&today, "2025-05-10");
  dt_period_default_as_of (&period, &today, &as_of);
  assert_date (&as_of, "2025-05-10");
  set_date (&today, "2026-01-03");
  dt_period_default_as_of (&period, &today, &as_of);
  assert_date (&as_of, "2025-06-30");
  set_date (&today, "2025-06-30");
  dt_period_default_as_of (&period, &today, &as_of);
  assert_date (&as_of, "2025-06-30");

  set_date (&as_of, "2025-04-01");
  g_assert_true (dt_period_check_as_of (&period, &as_of, NULL));
  set_date (&as_of, "2026-02-01");
  g_assert_true (dt_period_check_as_of (&period, &as_of, NULL));
  set_date (&as_of, "2025-03-31");
  g_assert_false (dt_period_check_as_of (&period, &as_of, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "31/03/2025"));
  g_assert_nonnull (strstr (error->message, "01/04/2025"));
}

static void
test_period_current (void)
{
  static const struct {
    DtPeriodKind kind;
    const char  *today;
    const char  *expected;
  } cases[] = {
    { DT_PERIOD_MONTH, "2025-05-10", "2025-05" },
    { DT_PERIOD_QUARTER, "2025-05-10", "2025-Q2" },
    { DT_PERIOD_QUARTER, "2025-12-31", "2025-Q4" },
    { DT_PERIOD_HALF, "2025-06-30", "2025-H1" },
    { DT_PERIOD_HALF, "2025-07-01", "2025-H2" },
    { DT_PERIOD_NINE_MONTHS, "2025-11-02", "2025-9M" },
    { DT_PERIOD_YEAR, "2025-01-01", "2025" },
    { DT_PERIOD_YEARS, "2026-03-01", "2022..2026" },
    { DT_PERIOD_RANGE, "2025-05-10", "2025-05-01..2025-05-10" },
  };
  static const struct {
    const char *due;
    const char *expected;
  } dues[] = {
    /* Seed 004: the 6-month report is due 15/6, the annual one 10/12. */
    { "2025-06-15", "2025-H1" },
    { "2025-12-10", "2025" },
    { "2025-09-30", "2025-9M" },
    { "2025-03-31", "2025-Q1" },
    { "2026-01-10", "2025" },
    { "2025-08-05", "2025-07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      DtPeriod period;
      GDate today;

      set_date (&today, cases[i].today);
      dt_period_current (cases[i].kind, &today, &period);
      text = dt_period_to_string (&period);
      g_assert_cmpstr (text, ==, cases[i].expected);
      /* The proposed period is one the report accepts as of that day. */
      g_assert_true (dt_period_check_as_of (&period, &today, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (dues); i++)
    {
      g_autofree char *text = NULL;
      DtPeriod period;
      GDate due;

      set_date (&due, dues[i].due);
      dt_period_for_due_date (&due, &period);
      text = dt_period_to_string (&period);
      g_assert_cmpstr (text, ==, dues[i].expected);
    }
}

/* ------------------------------------------------------------------------------------------
 * The office: sessions and petitions whose figures were worked out by hand
 * ------------------------------------------------------------------------------------------ */

/* Ten working days to answer (instead of 30) keep the hand computation short. The year 2025
 * was set by hand: Tết from Monday 27/1 to Friday 31/1, and Saturday 8/2 a make-up working
 * day. No default holiday of 2024 falls within the answers counted in 2024. */
#define ANSWER_DAYS 10
static const char * const holidays_2025[] = {
  "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
  "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02", NULL
};
static const char * const workdays_2025[] = { "2025-02-08", NULL };

typedef struct
{
  const char *code;
  const char *kind;
  const char *date;
  const char *status;
  int         attendance;
  const char *notice_date;
  const char *conclusion_date;
  const char *plan;
  const char *location;
  const char *topic;
} TestSession;

static const TestSession sessions[] = {
  /* notice due 8/3, conclusion due 25/3: both on time */
  { "HN-2025-01", "dialogue", "2025-03-15", "held", 80, "2025-03-05", "2025-03-20", NULL,
    "Nhà văn hóa thôn Đông", "Đất đai và môi trường" },
  /* notice due 3/4 (6/4 late), conclusion due 20/4 (25/4 late) */
  { "HN-2025-02", "dialogue", "2025-04-10", "held", 50, "2025-04-06", "2025-04-25", NULL,
    "Nhà văn hóa thôn Tây", "Giao thông nông thôn" },
  /* no notice (late), no conclusion: late once A is past 30/5 */
  { "HN-2025-03", "contact", "2025-05-20", "held", 40, NULL, NULL, NULL,
    "Hội trường UBND xã", "Xây dựng nông thôn mới" },
  { "HN-2025-04", "dialogue", "2025-06-05", "postponed", DT_NO_INT, NULL, NULL, NULL, NULL,
    NULL },
  /* notice due 24/6 (20/6 on time), conclusion due 11/7 (15/7 late) */
  { "TD-2025-01", "reception", "2025-07-01", "held", 12, "2025-06-20", "2025-07-15", NULL,
    "Trụ sở Đảng ủy", "Tiếp công dân định kỳ" },
  { "HN-2025-05", "dialogue", "2025-08-12", "cancelled", DT_NO_INT, NULL, NULL, NULL, NULL,
    NULL },
  /* the plan's 5 lead days: notice due 15/9 (on time on the day), conclusion due 30/9 (on
   * the day) */
  { "HN-2025-06", "dialogue", "2025-09-20", "held", 100, "2025-09-15", "2025-09-30", "KH-2025",
    "Nhà văn hóa thôn Đông", "Chính sách xã hội" },
  { "HN-2025-07", "dialogue", "2025-12-10", "planned", DT_NO_INT, NULL, NULL, NULL, NULL, NULL },
  { "HN-2024-01", "dialogue", "2024-11-10", "held", 70, "2024-11-01", "2024-11-15", NULL,
    "Nhà văn hóa thôn Tây", "Tổng kết năm" },
};

typedef struct
{
  const char *code;
  const char *received;
  const char *channel;
  const char *session;
  const char *petitioner;
  const char *village;
  const char *field;
  const char *summary;
  const char *concerns;
  gboolean    confidential;
  const char *duplicate_of;
  const char *answered;
  const char *agency;
  const char *assigned;
  const char *deadline;
  const char *escalated_to;
  const char *escalated;
  const char *declined;
  const char *withdrawn;
  const char *resolved;
} TestPetition;

#define CONFIDENTIAL_NAME "Trần Văn Kín"

static const TestPetition petitions[] = {
  /* assigned Mon 20/1: 21, 22, 23, 24, (Tết), 3/2 … 7/2, Sat 8/2 → deadline 8/2, resolved on
   * the day: on time */
  { "2025-0001", "2025-01-06", "written", NULL, "Nguyễn Văn An", "Thôn Đông", "Đất đai",
    "Cấp giấy chứng nhận quyền sử dụng đất", "organisation", FALSE, NULL, NULL,
    "UBND xã", "2025-01-20", NULL, NULL, NULL, NULL, NULL, "2025-02-08" },
  /* same deadline 8/2, resolved 10/2: late */
  { "2025-0002", "2025-01-10", "direct", NULL, "Lê Thị Bình", "Thôn Tây", "Môi trường",
    "Rác thải ven kênh", NULL, FALSE, NULL, NULL,
    "Công an xã", "2025-01-20", NULL, NULL, NULL, NULL, NULL, "2025-02-10" },
  /* assigned Fri 24/1: 3/2 … 7/2, 8/2, 10/2 … 13/2 → deadline 13/2, never resolved */
  { "2025-0003", "2025-01-15", "phone", NULL, "Phạm Văn Cường", "Thôn Đông", "Giao thông",
    "Đường liên thôn sụt lún", NULL, FALSE, NULL, NULL,
    "UBND xã", "2025-01-24", NULL, NULL, NULL, NULL, NULL, NULL },
  { "2025-0004", "2025-02-20", "front", NULL, "Hoàng Văn Dũng", "Thôn Tây", "Đất đai",
    "Tranh chấp đất riêng giữa hai hộ", "official", FALSE, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, "2025-02-25", NULL, NULL },
  { "2025-0005", "2025-03-15", "session", "HN-2025-01", "Đỗ Thị Giang", "Thôn Đông", "Đất đai",
    "Hỏi về quy hoạch sử dụng đất", NULL, FALSE, NULL, "2025-03-15",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  /* confidential; its own deadline 25/3 (stored), resolved 31/3: late */
  { "2025-0006", "2025-03-15", "session", "HN-2025-01", CONFIDENTIAL_NAME, "Thôn Tây",
    "Môi trường", "=HYPERLINK(\"http://example.org\",\"Ông " CONFIDENTIAL_NAME " phản ánh\")",
    "official", TRUE, NULL, NULL,
    "UBND xã", "2025-03-20", "2025-03-25", NULL, NULL, NULL, NULL, "2025-03-31" },
  { "2025-0007", "2025-03-15", "session", "HN-2025-01", "Bùi Văn Hải", "Thôn Đông",
    "Giao thông", "+84 912 345 678 gọi lại giúp", NULL, FALSE, "2025-0005", NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  /* withdrawn 2/4: not yet as of 31/3 */
  { "2025-0008", "2025-03-28", "written", NULL, "Ngô Thị Hạnh", "Thôn Tây", "Giao thông",
    "-5 hộ bị ảnh hưởng bởi ngập úng", NULL, FALSE, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, "2025-04-02", NULL },
  /* assigned 15/4, sent on 20/4 */
  { "2025-0009", "2025-04-10", "session", "HN-2025-02", "Dương Văn Hùng", "Thôn Đông",
    "Đất đai", "@UBND huyện: thu hồi đất làm đường", "organisation", FALSE, NULL, NULL,
    "UBND xã", "2025-04-15", NULL, "UBND huyện", "2025-04-20", NULL, NULL, NULL },
  { "2025-0010", "2025-04-10", "session", "HN-2025-02", "Lý Thị Lan", "Thôn Tây", "Môi trường",
    "Mùi hôi trang trại lợn", NULL, FALSE, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  /* assigned Tue 6/5: 7, 8, 9, 12 … 16, 19, 20 → deadline 20/5; resolved 10/7: late */
  { "2025-0011", "2025-05-05", "direct", NULL, "Trần Văn Long", "Thôn Đông", "Đất đai",
    "Lấn chiếm hành lang giao thông", NULL, FALSE, NULL, NULL,
    "Công an xã", "2025-05-06", NULL, NULL, NULL, NULL, NULL, "2025-07-10" },
  /* assigned Wed 25/6: 26, 27, 30, 1/7 … 4/7, 7, 8, 9 → deadline 9/7, never resolved */
  { "2025-0012", "2025-05-20", "session", "HN-2025-03", "Võ Thị Mai", "Thôn Tây", "Giao thông",
    "Lắp biển báo gần trường học", NULL, FALSE, NULL, NULL,
    "UBND xã", "2025-06-25", NULL, NULL, NULL, NULL, NULL, NULL },
  /* no field; assigned 12/6 → deadline 26/6, resolved 20/6: on time */
  { "2025-0013", "2025-06-10", "written", NULL, "=1+1", "Thôn Đông", NULL,
    "Hỗ trợ hộ nghèo", NULL, FALSE, NULL, NULL,
    "UBND xã", "2025-06-12", NULL, NULL, NULL, NULL, NULL, "2025-06-20" },
  { "2025-0014", "2025-07-05", "phone", NULL, "Phan Văn Nam", "Thôn Tây", "Môi trường",
    "Khói bụi lò gạch", NULL, FALSE, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, "2025-07-06", NULL },
  /* no village */
  { "2025-0015", "2025-08-15", "front", NULL, "Hồ Thị Nga", NULL, "Đất đai",
    "Công khai phương án bồi thường", NULL, FALSE, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  { "2025-0016", "2025-09-20", "session", "HN-2025-06", "Đặng Văn Phúc", "Thôn Đông",
    "Giao thông", "Điện chiếu sáng đường thôn", NULL, FALSE, NULL, "2025-09-20",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  /* assigned 3/10, resolved 10/10: on time */
  { "2025-0017", "2025-10-02", "written", NULL, "Nguyễn Thị Quân", "Thôn Tây", "Đất đai",
    "Đo đạc lại thửa đất", NULL, FALSE, NULL, NULL,
    "Công an xã", "2025-10-03", NULL, NULL, NULL, NULL, NULL, "2025-10-10" },
  /* assigned Fri 21/11: 24 … 28/11, 1 … 5/12 → deadline 5/12, never resolved */
  { "2025-0018", "2025-11-20", "direct", NULL, "Lê Văn Sơn", "Thôn Đông", "Môi trường",
    "Nước thải sinh hoạt", NULL, FALSE, NULL, NULL,
    "UBND xã", "2025-11-21", NULL, NULL, NULL, NULL, NULL, NULL },
  { "2025-0019", "2025-12-01", "phone", NULL, "Lê Văn Sơn", "Thôn Tây", "Giao thông",
    "Nước thải sinh hoạt (lần hai)", NULL, FALSE, "2025-0018", NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  /* 2024: assigned Wed 2/10 → deadline 16/10/2024, never resolved: overdue in every report
   * of 2025, counted in none of its totals */
  { "2024-0001", "2024-10-01", "written", NULL, "Trịnh Văn Tâm", "Thôn Đông", "Đất đai",
    "Cấp đổi sổ đỏ", NULL, FALSE, NULL, NULL,
    "UBND xã", "2024-10-02", NULL, NULL, NULL, NULL, NULL, NULL },
  { "2024-0002", "2024-11-10", "session", "HN-2024-01", "Mai Thị Uyên", "Thôn Tây",
    "Môi trường", "Thu gom rác", NULL, FALSE, NULL, "2024-11-10",
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL },
  /* assigned Mon 23/12/2024: 24, 25, 26, 27, 30, 31, (1/1), 2, 3, 6, 7 → 7/1/2025; resolved
   * 15/1: late */
  { "2024-0003", "2024-12-20", "front", NULL, "Tô Văn Vinh", "Thôn Đông", "Giao thông",
    "Nạo vét rãnh thoát nước", NULL, FALSE, NULL, NULL,
    "Công an xã", "2024-12-23", NULL, NULL, NULL, NULL, NULL, "2025-01-15" },
};

static void
add_office (DtDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DtUnit) unit = dt_unit_load (db, &error);
  g_autoptr(DtCalendarYear) year = dt_calendar_year_new (2025);
  g_autoptr(DtPlan) plan = dt_plan_new ();
  const char *lists[][4] = {
    { "Thôn Đông", "Thôn Tây", NULL },
    { "UBND xã", "Công an xã", NULL },
    { "Đất đai", "Môi trường", "Giao thông", NULL },
  };

  g_assert_no_error (error);
  g_free (unit->name);
  unit->name = g_strdup ("Đảng bộ xã Thạch Lạc");
  g_free (unit->superior);
  unit->superior = g_strdup ("Đảng bộ huyện Thạch Hà");
  g_free (unit->place);
  unit->place = g_strdup ("Thạch Lạc");
  g_free (unit->signer_name);
  unit->signer_name = g_strdup ("Nguyễn Văn Bí Thư");
  unit->answer_working_days = ANSWER_DAYS;
  dt_unit_save (db, unit, &error);
  g_assert_no_error (error);

  g_strfreev (year->holidays);
  year->holidays = g_strdupv ((char **) holidays_2025);
  g_strfreev (year->workdays);
  year->workdays = g_strdupv ((char **) workdays_2025);
  dt_calendar_save (db, year, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; lists[i][j] != NULL; j++)
      {
        dt_list_add (db, (DtList) i, lists[i][j], &error);
        g_assert_no_error (error);
      }

  plan->code = g_strdup ("KH-2025");
  plan->year = 2025;
  plan->notice_lead_days = 5;
  dt_plan_insert (db, plan, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      const TestSession *t = &sessions[i];
      g_autoptr(DtSession) s = dt_session_new ();

      s->code = g_strdup (t->code);
      s->kind = g_strdup (t->kind);
      s->date = g_strdup (t->date);
      s->status = g_strdup (t->status);
      s->attendance = t->attendance;
      s->notice_date = g_strdup (t->notice_date);
      s->conclusion_date = g_strdup (t->conclusion_date);
      s->plan = g_strdup (t->plan);
      s->location = g_strdup (t->location);
      s->topic = g_strdup (t->topic);
      s->chair = g_strdup ("Nguyễn Văn Bí Thư");
      dt_session_insert (db, s, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (petitions); i++)
    {
      const TestPetition *t = &petitions[i];
      g_autoptr(DtPetition) p = dt_petition_new ();

      p->code = g_strdup (t->code);
      p->received = g_strdup (t->received);
      p->channel = g_strdup (t->channel);
      p->session = g_strdup (t->session);
      p->petitioner = g_strdup (t->petitioner);
      p->village = g_strdup (t->village);
      p->field = g_strdup (t->field);
      p->summary = g_strdup (t->summary);
      p->concerns = g_strdup (t->concerns);
      p->confidential = t->confidential;
      p->duplicate_of = g_strdup (t->duplicate_of);
      p->answered_date = g_strdup (t->answered);
      p->assigned_to = g_strdup (t->agency);
      p->assigned_date = g_strdup (t->assigned);
      p->deadline = g_strdup (t->deadline);
      p->escalated_to = g_strdup (t->escalated_to);
      p->escalated_date = g_strdup (t->escalated);
      p->declined_date = g_strdup (t->declined);
      p->withdrawn_date = g_strdup (t->withdrawn);
      p->resolved_date = g_strdup (t->resolved);
      dt_petition_insert (db, p, &error);
      g_assert_no_error (error);
    }
}

/* ------------------------------------------------------------------------------------------
 * The same rules again, written here from DESIGN §2.1 and §2.2 alone
 * ------------------------------------------------------------------------------------------ */

enum
{
  C_ANSWERED, C_ON_TIME, C_LATE, C_IN_TIME, C_OVERDUE, C_ESCALATED, C_DECLINED, C_WITHDRAWN,
  C_UNASSIGNED, C_DUPLICATE, N_C
};

static const char * const category_vi[N_C] = {
  "Đã trả lời tại hội nghị", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn",
  "Đang giải quyết trong hạn", "Quá hạn chưa giải quyết", "Chuyển cấp có thẩm quyền",
  "Không thuộc phạm vi", "Rút ý kiến", "Chưa phân công", "Ý kiến trùng lặp",
};

static gboolean
by (const char *date,
    const char *as_of)
{
  return date != NULL && strcmp (date, as_of) <= 0;
}

static gboolean
test_is_working_day (const GDate *date)
{
  g_autofree char *iso = dt_date_to_iso (date);
  GDateWeekday weekday = g_date_get_weekday (date);

  if (g_strv_contains (workdays_2025, iso))
    return TRUE;
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY &&
         !g_strv_contains (holidays_2025, iso);
}

static char *
test_deadline (const TestPetition *t)
{
  GDate date;

  if (t->deadline != NULL)
    return g_strdup (t->deadline);
  if (t->assigned == NULL)
    return NULL;
  set_date (&date, t->assigned);
  for (int n = 0; n < ANSWER_DAYS; )
    {
      g_date_add_days (&date, 1);
      n += test_is_working_day (&date);
    }
  return dt_date_to_iso (&date);
}

static int
test_category (const TestPetition *t,
               const char         *as_of,
               int                *days_overdue)
{
  g_autofree char *deadline = test_deadline (t);

  *days_overdue = 0;
  if (t->duplicate_of != NULL)
    return C_DUPLICATE;
  if (by (t->resolved, as_of))
    return deadline == NULL || strcmp (t->resolved, deadline) <= 0 ? C_ON_TIME : C_LATE;
  if (by (t->answered, as_of))
    return C_ANSWERED;
  if (by (t->declined, as_of))
    return C_DECLINED;
  if (by (t->withdrawn, as_of))
    return C_WITHDRAWN;
  if (by (t->escalated, as_of))
    return C_ESCALATED;
  if (by (t->assigned, as_of))
    {
      if (strcmp (deadline, as_of) < 0)
        {
          GDate due, a;

          set_date (&due, deadline);
          set_date (&a, as_of);
          *days_overdue = g_date_days_between (&due, &a);
          return C_OVERDUE;
        }
      return C_IN_TIME;
    }
  return C_UNASSIGNED;
}

typedef struct
{
  guint c[N_C];
  guint total;
  guint assigned;
} Expected;

static void
expected_add (Expected           *e,
              const TestPetition *t,
              int                 category,
              const char         *as_of)
{
  e->c[category]++;
  if (category != C_DUPLICATE)
    {
      e->total++;
      e->assigned += by (t->assigned, as_of);
    }
}

static gboolean
received_in (const TestPetition *t,
             const char         *start,
             const char         *end,
             const char         *as_of)
{
  return strcmp (t->received, start) >= 0 && strcmp (t->received, end) <= 0 &&
         by (t->received, as_of);
}

static void
assert_counts_equal (const DtReportCounts *c,
                     const Expected       *e)
{
  g_assert_cmpuint (c->answered, ==, e->c[C_ANSWERED]);
  g_assert_cmpuint (c->resolved_on_time, ==, e->c[C_ON_TIME]);
  g_assert_cmpuint (c->resolved_late, ==, e->c[C_LATE]);
  g_assert_cmpuint (c->in_time, ==, e->c[C_IN_TIME]);
  g_assert_cmpuint (c->overdue, ==, e->c[C_OVERDUE]);
  g_assert_cmpuint (c->escalated, ==, e->c[C_ESCALATED]);
  g_assert_cmpuint (c->declined, ==, e->c[C_DECLINED]);
  g_assert_cmpuint (c->withdrawn, ==, e->c[C_WITHDRAWN]);
  g_assert_cmpuint (c->unassigned, ==, e->c[C_UNASSIGNED]);
  g_assert_cmpuint (c->duplicates, ==, e->c[C_DUPLICATE]);
  g_assert_cmpuint (c->total, ==, e->total);
  /* The eight columns make the total. */
  g_assert_cmpuint (c->answered + c->resolved_on_time + c->resolved_late + c->in_time +
                    c->overdue + c->escalated + c->declined + c->withdrawn + c->unassigned, ==,
                    c->total);
}

/* The group a petition falls in, for each breakdown, as the report names it. */
static const char *
test_group (const TestPetition *t,
            DtReportBreakdown   breakdown)
{
  switch (breakdown)
    {
    case DT_REPORT_BY_FIELD:
      return t->field != NULL ? t->field : "Chưa xác định";
    case DT_REPORT_BY_VILLAGE:
      return t->village != NULL ? t->village : "Chưa xác định";
    case DT_REPORT_BY_AGENCY:
      return t->agency;
    case DT_REPORT_BY_CHANNEL:
      return dt_choice_label_vi (DT_RECORD_PETITION, "channel", t->channel);
    case DT_REPORT_BY_CONCERNS:
      return t->concerns != NULL ? dt_choice_label_vi (DT_RECORD_PETITION, "concerns",
                                                       t->concerns)
                                 : "Ý kiến khác";
    case DT_REPORT_N_BREAKDOWNS:
    default:
      g_assert_not_reached ();
    }
}

/* Every breakdown of REPORT (year index YEAR) against the test's own count. */
static void
assert_breakdowns (DtReport   *report,
                   int         year,
                   const char *start,
                   const char *end,
                   const char *as_of)
{
  for (guint b = 0; b < DT_REPORT_N_BREAKDOWNS; b++)
    {
      guint n = dt_report_get_n_groups (report, b);
      guint seen = 0;

      for (guint g = 0; g < n; g++)
        {
          const char *name = dt_report_get_group_name (report, b, g);
          const DtReportCounts *c = dt_report_get_group_counts (report, b, g, year);
          Expected e = { 0 };

          for (guint i = 0; i < G_N_ELEMENTS (petitions); i++)
            {
              const TestPetition *t = &petitions[i];
              int days, category;

              if (!received_in (t, start, end, as_of))
                continue;
              category = test_category (t, as_of, &days);
              if (b == DT_REPORT_BY_AGENCY &&
                  (!by (t->assigned, as_of) || category == C_DUPLICATE))
                continue;
              if (g_strcmp0 (test_group (t, b), name) == 0)
                expected_add (&e, t, category, as_of);
            }
          assert_counts_equal (c, &e);
          if (b == DT_REPORT_BY_AGENCY)
            g_assert_cmpuint (c->assigned, ==, e.total);
          seen += e.total + e.c[C_DUPLICATE];
        }
      /* Every petition is in exactly one row (agencies: every one assigned by A). */
      if (b != DT_REPORT_BY_AGENCY)
        {
          const DtReportCounts *all = &dt_report_get_figures (report, year)->petitions;
          g_assert_cmpuint (seen, ==, all->total + all->duplicates);
        }
    }
}

/* The hand-worked answer for one period; the rest is checked against the test's own count. */
typedef struct
{
  const char *period;
  const char *as_of;          /* NULL: the default (today is 15/01/2026) */
  const char *expected_as_of;
  guint       held, postponed, cancelled, attendance;
  guint       notice_on_time, notice_late, conclusion_on_time, conclusion_late;
  guint       total, answered, on_time, late, in_time, overdue, escalated, declined, withdrawn,
              unassigned, duplicates;
  double      rate;           /* < 0: no rate */
  guint       n_overdue;      /* whatever the received date */
} HandWorked;

static const HandWorked hand_worked[] = {
  /* March: HN-2025-01; 0005 answered, 0006 resolved late, 0008 not withdrawn yet, 0007 a
   * duplicate. Overdue: 0003 (13/2) and 2024-0001. */
  { "2025-03", NULL, "2025-03-31", 1, 0, 0, 80, 1, 0, 1, 0,
    3, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 200.0 / 3, 2 },
  /* Q2: HN-2025-02 (both late), HN-2025-03 (no notice; no conclusion past 30/5), HN-2025-04
   * postponed; 0009 escalated, 0010 unassigned, 0011 overdue (20/5), 0012 in time (9/7),
   * 0013 on time. Overdue: 2024-0001, 0003, 0011. */
  { "2025-Q2", NULL, "2025-06-30", 2, 1, 0, 90, 0, 2, 0, 2,
    5, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 20.0, 3 },
  /* The same quarter as of 31/5: 0012 not assigned yet; HN-2025-03's conclusion late. */
  { "2025-Q2", "2025-05-31", "2025-05-31", 2, 1, 0, 90, 0, 2, 0, 2,
    4, 0, 0, 0, 0, 1, 1, 0, 0, 2, 0, 0.0, 3 },
  /* H1: 0001–0013 but the duplicate 0007. */
  { "2025-H1", NULL, "2025-06-30", 3, 1, 0, 170, 1, 2, 1, 2,
    12, 1, 2, 2, 1, 2, 1, 1, 1, 1, 1, 50.0, 3 },
  /* 9M: TD-2025-01 (conclusion late) and HN-2025-06 (both on the day) held, HN-2025-05
   * cancelled; 0011 resolved late, 0012 overdue (9/7). Overdue: 2024-0001, 0003, 0012. */
  { "2025-9M", NULL, "2025-09-30", 5, 1, 1, 282, 3, 2, 2, 3,
    15, 2, 2, 3, 0, 2, 1, 1, 2, 2, 1, 700.0 / 12, 3 },
  /* The year: 0017 on time, 0018 overdue (5/12), 0019 a duplicate. */
  { "2025", NULL, "2025-12-31", 5, 1, 1, 282, 3, 2, 2, 3,
    17, 2, 3, 3, 0, 3, 1, 1, 2, 2, 2, 800.0 / 14, 4 },
  /* From 10/1 to 15/3, as of 15/3: HN-2025-01's conclusion is not due yet; 0002 late, 0003
   * overdue, 0004 declined, 0005 answered, 0006 not assigned yet. */
  { "2025-01-10..2025-03-15", NULL, "2025-03-15", 1, 0, 0, 80, 1, 0, 0, 0,
    5, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 50.0, 2 },
  /* The review 2024–2025, as of 31/12/2025: 2024 has HN-2024-01 and 2024-0001 (overdue),
   * 2024-0002 (answered), 2024-0003 (late). */
  { "2024..2025", NULL, "2025-12-31", 6, 1, 1, 352, 4, 2, 3, 3,
    20, 3, 3, 4, 0, 4, 1, 1, 2, 2, 2, 1000.0 / 17, 4 },
};

static void
assert_hand_worked (const DtReportFigures *f,
                    const HandWorked      *h)
{
  double rate;

  g_assert_cmpuint (f->held, ==, h->held);
  g_assert_cmpuint (f->postponed, ==, h->postponed);
  g_assert_cmpuint (f->cancelled, ==, h->cancelled);
  g_assert_cmpuint (f->attendance, ==, h->attendance);
  g_assert_cmpuint (f->notice_on_time, ==, h->notice_on_time);
  g_assert_cmpuint (f->notice_late, ==, h->notice_late);
  g_assert_cmpuint (f->conclusion_on_time, ==, h->conclusion_on_time);
  g_assert_cmpuint (f->conclusion_late, ==, h->conclusion_late);
  g_assert_cmpuint (f->petitions.total, ==, h->total);
  g_assert_cmpuint (f->petitions.answered, ==, h->answered);
  g_assert_cmpuint (f->petitions.resolved_on_time, ==, h->on_time);
  g_assert_cmpuint (f->petitions.resolved_late, ==, h->late);
  g_assert_cmpuint (f->petitions.in_time, ==, h->in_time);
  g_assert_cmpuint (f->petitions.overdue, ==, h->overdue);
  g_assert_cmpuint (f->petitions.escalated, ==, h->escalated);
  g_assert_cmpuint (f->petitions.declined, ==, h->declined);
  g_assert_cmpuint (f->petitions.withdrawn, ==, h->withdrawn);
  g_assert_cmpuint (f->petitions.unassigned, ==, h->unassigned);
  g_assert_cmpuint (f->petitions.duplicates, ==, h->duplicates);
  if (h->rate < 0)
    g_assert_false (dt_report_counts_rate (&f->petitions, &rate));
  else
    {
      g_assert_true (dt_figures_get (f, DT_FIGURE_RATE, &rate));
      g_assert_cmpfloat_with_epsilon (rate, h->rate, 1e-9);
    }
}

static DtReport *
compute (DtDatabase       *db,
         const HandWorked *h,
         GDate            *as_of)
{
  g_autoptr(GError) error = NULL;
  DtPeriod period;
  DtReport *report;

  g_assert_true (dt_period_parse (h->period, &period, &error));
  if (h->as_of != NULL)
    set_date (as_of, h->as_of);
  else
    dt_period_default_as_of (&period, NULL, as_of);
  assert_date (as_of, h->expected_as_of);
  report = dt_report_compute (db, &period, as_of, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
test_report_figures (DtTestFixture *fixture,
                     gconstpointer  data)
{
  add_office (fixture->db);

  for (guint k = 0; k < G_N_ELEMENTS (hand_worked); k++)
    {
      const HandWorked *h = &hand_worked[k];
      g_autoptr(DtReport) report = NULL;
      g_autofree char *as_of_iso = NULL;
      const DtPeriod *period;
      Expected all = { 0 };
      guint n_overdue = 0;
      GDate as_of;

      g_test_message ("period %s as of %s", h->period, h->expected_as_of);
      report = compute (fixture->db, h, &as_of);
      as_of_iso = dt_date_to_iso (&as_of);
      period = dt_report_get_period (report);
      assert_hand_worked (dt_report_get_figures (report, DT_REPORT_TOTAL), h);

      /* The test's own count agrees, for the whole period and for each year of a review. */
      for (int y = DT_REPORT_TOTAL; y < (int) dt_report_get_n_years (report); y++)
        {
          g_autofree char *start = NULL;
          g_autofree char *end = NULL;
          Expected e = { 0 };
          DtPeriod year;

          if (y == DT_REPORT_TOTAL)
            year = *period;
          else
            dt_period_get_year (period, (guint) y, &year);
          start = dt_date_to_iso (&year.start);
          end = dt_date_to_iso (&year.end);
          for (guint i = 0; i < G_N_ELEMENTS (petitions); i++)
            if (received_in (&petitions[i], start, end, as_of_iso))
              {
                int days;
                expected_add (&e, &petitions[i], test_category (&petitions[i], as_of_iso, &days),
                              as_of_iso);
              }
          assert_counts_equal (&dt_report_get_figures (report, y)->petitions, &e);
          assert_breakdowns (report, y, start, end, as_of_iso);
          if (y == DT_REPORT_TOTAL)
            all = e;
        }
      g_assert_cmpuint (all.total, ==, h->total);

      /* Overdue as of A, whatever the received date. */
      for (guint i = 0; i < G_N_ELEMENTS (petitions); i++)
        {
          int days;
          n_overdue += by (petitions[i].received, as_of_iso) &&
                       test_category (&petitions[i], as_of_iso, &days) == C_OVERDUE;
        }
      g_assert_cmpuint (dt_report_get_n_overdue (report), ==, n_overdue);
      g_assert_cmpuint (dt_report_get_n_overdue (report), ==, h->n_overdue);
    }
}

static void
test_report_review_years (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(DtReport) review = NULL;
  g_autoptr(DtReport) year = NULL;
  g_autoptr(GError) error = NULL;
  DtPeriod period, period_2025;
  GDate as_of;

  add_office (fixture->db);
  dt_period_parse ("2024..2025", &period, NULL);
  set_date (&as_of, "2025-12-31");
  review = dt_report_compute (fixture->db, &period, &as_of, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dt_report_get_n_years (review), ==, 2);
  g_assert_cmpint (dt_report_get_year (review, 0), ==, 2024);
  g_assert_cmpint (dt_report_get_year (review, 1), ==, 2025);

  /* A year's column is that year's report as of the same date. */
  dt_period_parse ("2025", &period_2025, NULL);
  year = dt_report_compute (fixture->db, &period_2025, &as_of, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (dt_report_get_figures (review, 1), sizeof (DtReportFigures),
                   dt_report_get_figures (year, DT_REPORT_TOTAL), sizeof (DtReportFigures));

  /* 2024: HN-2024-01 held with both on time; 2024-0001 overdue, -0002 answered, -0003 late. */
  {
    const DtReportFigures *f = dt_report_get_figures (review, 0);

    g_assert_cmpuint (f->held, ==, 1);
    g_assert_cmpuint (f->attendance, ==, 70);
    g_assert_cmpuint (f->notice_on_time, ==, 1);
    g_assert_cmpuint (f->conclusion_on_time, ==, 1);
    g_assert_cmpuint (f->petitions.total, ==, 3);
    g_assert_cmpuint (f->petitions.overdue, ==, 1);
    g_assert_cmpuint (f->petitions.answered, ==, 1);
    g_assert_cmpuint (f->petitions.resolved_late, ==, 1);
  }
}

/* A report as of a past date is the same after later actions are recorded. */
static void
test_report_reproducible (DtTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(DtReport) before = NULL;
  g_autoptr(DtReport) after = NULL;
  g_autoptr(GError) error = NULL;
  DtPeriod period;
  GDate as_of;

  add_office (fixture->db);
  dt_period_parse ("2025-H1", &period, NULL);
  set_date (&as_of, "2025-05-31");
  before = dt_report_compute (fixture->db, &period, &as_of, NULL, &error);
  g_assert_no_error (error);

  /* Everything after 31/5: assignments, answers, resolutions, a withdrawal, a decline, a
   * conclusion notice for HN-2025-03, a new petition. */
  g_assert_true (dt_petition_assign (fixture->db, "2025-0010", "Công an xã", "2025-06-02", NULL,
                                     &error));
  g_assert_true (dt_petition_resolve (fixture->db, "2025-0010", "2025-06-03", "Đã xử lý",
                                      &error));
  g_assert_true (dt_petition_resolve (fixture->db, "2025-0003", "2025-06-10", "Đã sửa đường",
                                      &error));
  g_assert_true (dt_petition_resolve (fixture->db, "2025-0012", "2025-07-01", "Đã lắp biển",
                                      &error));
  g_assert_true (dt_petition_withdraw (fixture->db, "2024-0001", "2025-06-15", &error));
  g_assert_no_error (error);
  {
    g_autoptr(DtSession) s = dt_session_load (fixture->db, "HN-2025-03", &error);
    g_autoptr(DtPetition) p = dt_petition_new ();

    g_assert_no_error (error);
    s->conclusion_date = g_strdup ("2025-06-02");
    dt_session_update (fixture->db, s, &error);
    g_assert_no_error (error);

    p->code = g_strdup ("2025-0099");
    p->received = g_strdup ("2025-06-01");
    p->channel = g_strdup ("written");
    p->summary = g_strdup ("Đề nghị mới sau ngày báo cáo");
    dt_petition_insert (fixture->db, p, &error);
    g_assert_no_error (error);
  }

  after = dt_report_compute (fixture->db, &period, &as_of, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (dt_report_get_figures (before, DT_REPORT_TOTAL), sizeof (DtReportFigures),
                   dt_report_get_figures (after, DT_REPORT_TOTAL), sizeof (DtReportFigures));
  g_assert_cmpuint (dt_report_get_n_overdue (before), ==, dt_report_get_n_overdue (after));
  for (guint b = 0; b < DT_REPORT_N_BREAKDOWNS; b++)
    {
      g_assert_cmpuint (dt_report_get_n_groups (before, b), ==, dt_report_get_n_groups (after, b));
      for (guint g = 0; g < dt_report_get_n_groups (before, b); g++)
        g_assert_cmpmem (dt_report_get_group_counts (before, b, g, DT_REPORT_TOTAL),
                         sizeof (DtReportCounts),
                         dt_report_get_group_counts (after, b, g, DT_REPORT_TOTAL),
                         sizeof (DtReportCounts));
    }

  /* And as of today they did change: the actions are seen. */
  {
    g_autoptr(DtReport) now = NULL;
    GDate end;

    set_date (&end, "2025-06-30");
    now = dt_report_compute (fixture->db, &period, &end, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dt_report_get_figures (now, DT_REPORT_TOTAL)->petitions.total, ==, 13);
    g_assert_cmpuint (dt_report_get_figures (now, DT_REPORT_TOTAL)->conclusion_late, ==, 2);
    g_assert_cmpuint (dt_report_get_figures (now, DT_REPORT_TOTAL)->conclusion_on_time, ==, 1);
  }
}

static void
test_report_as_of_before_period (DtTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "early.xlsx", NULL);
  DtPeriod period;
  GDate as_of;

  dt_period_parse ("2025-Q3", &period, NULL);
  set_date (&as_of, "2025-06-30");
  g_assert_null (dt_report_compute (fixture->db, &period, &as_of, NULL, &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dt_report_write_file (fixture->db, &period, &as_of, path, NULL, NULL, NULL,
                                        &error));
  g_assert_error (error, DT_ERROR, DT_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------------------------------
 * The workbook, read back with python3-openpyxl
 * ------------------------------------------------------------------------------------------ */

static json_t *
counts_json (const Expected *e)
{
  json_t *array = json_array ();
  double rate;
  DtReportCounts c = { e->total, e->c[C_ANSWERED], e->c[C_ON_TIME], e->c[C_LATE],
                       e->c[C_IN_TIME], e->c[C_OVERDUE], e->c[C_ESCALATED], e->c[C_DECLINED],
                       e->c[C_WITHDRAWN], e->c[C_UNASSIGNED], e->c[C_DUPLICATE], e->assigned };
  guint values[] = { c.total, c.answered, c.resolved_on_time, c.resolved_late, c.in_time,
                     c.overdue, c.escalated, c.declined, c.withdrawn, c.unassigned,
                     c.duplicates };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    json_array_append_new (array, json_integer (values[i]));
  json_array_append_new (array, dt_report_counts_rate (&c, &rate) ? json_real (rate)
                                                                    : json_null ());
  return array;
}

static int
compare_overdue_rows (gconstpointer a,
                      gconstpointer b)
{
  json_t *x = *(json_t * const *) a, *y = *(json_t * const *) b;
  json_int_t dx = json_integer_value (json_array_get (x, 1));
  json_int_t dy = json_integer_value (json_array_get (y, 1));

  if (dx != dy)
    return dx > dy ? -1 : 1;
  return strcmp (json_string_value (json_array_get (x, 0)),
                 json_string_value (json_array_get (y, 0)));
}

/* What the workbook must hold, from the hand-worked answer and the test's own count. */
static json_t *
expectations (const HandWorked *h,
              const char       *as_of)
{
  json_t *root = json_object ();
  json_t *summary = json_object ();
  json_t *register_rows = json_array ();
  json_t *fields = json_object ();
  json_t *agencies = json_object ();
  g_autoptr(GPtrArray) overdue = g_ptr_array_new ();
  json_t *overdue_rows = json_array ();
  json_t *sessions_rows = json_array ();
  json_t *typed = json_array ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  GHashTable *field_counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GHashTable *agency_counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  DtPeriod period;
  GHashTableIter iter;
  gpointer key, value;
  double rate_value = h->rate;
  double summary_values[DT_N_FIGURES] = {
    h->held, h->postponed, h->cancelled, h->attendance, h->notice_on_time, h->notice_late,
    h->conclusion_on_time, h->conclusion_late, h->total, h->answered, h->on_time, h->late,
    h->in_time, h->overdue, h->escalated, h->declined, h->withdrawn, h->unassigned,
    h->duplicates, rate_value,
  };

  dt_period_parse (h->period, &period, NULL);
  start = dt_date_to_iso (&period.start);
  end = dt_date_to_iso (&period.end);

  for (guint i = 0; i < DT_N_FIGURES; i++)
    json_object_set_new (summary, dt_figure_label_vi (i),
                         i == DT_FIGURE_RATE && h->rate < 0 ? json_null ()
                                                            : json_real (summary_values[i]));

  for (guint i = 0; i < G_N_ELEMENTS (petitions); i++)
    {
      const TestPetition *t = &petitions[i];
      int days, category = test_category (t, as_of, &days);

      if (by (t->received, as_of) && category == C_OVERDUE)
        g_ptr_array_add (overdue, json_pack ("[s, i]", t->code, days));
      if (!received_in (t, start, end, as_of))
        continue;
      json_array_append_new (register_rows,
                             json_pack ("[s, s, s, s]", t->code, category_vi[category],
                                        t->confidential ? "(bảo mật)" : t->petitioner,
                                        t->received));
      if (strchr ("=+-@", t->summary[0]) != NULL)
        {
          g_autoptr(GString) shown = g_string_new (t->summary);

          if (t->confidential)
            g_string_replace (shown, t->petitioner, "(bảo mật)", 0);
          json_array_append_new (typed, json_string (shown->str));
        }
      if (strchr ("=+-@", t->petitioner[0]) != NULL)
        json_array_append_new (typed, json_string (t->petitioner));
      {
        const char *name = test_group (t, DT_REPORT_BY_FIELD);
        Expected *e = g_hash_table_lookup (field_counts, name);

        if (e == NULL)
          g_hash_table_insert (field_counts, (gpointer) name, e = g_new0 (Expected, 1));
        expected_add (e, t, category, as_of);
      }
      if (by (t->assigned, as_of) && category != C_DUPLICATE)
        {
          Expected *e = g_hash_table_lookup (agency_counts, t->agency);

          if (e == NULL)
            g_hash_table_insert (agency_counts, (gpointer) t->agency, e = g_new0 (Expected, 1));
          expected_add (e, t, category, as_of);
        }
    }
  g_ptr_array_sort (overdue, compare_overdue_rows);
  for (guint i = 0; i < overdue->len; i++)
    json_array_append_new (overdue_rows, g_ptr_array_index (overdue, i));

  g_hash_table_iter_init (&iter, field_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_new (fields, key, counts_json (value));
  g_hash_table_iter_init (&iter, agency_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Expected *e = value;
      json_object_set_new (agencies, key,
                           json_pack ("[i, i, i, i, i]", e->assigned, e->c[C_ON_TIME],
                                      e->c[C_LATE], e->c[C_IN_TIME], e->c[C_OVERDUE]));
    }

  /* Sessions, by DESIGN §6 again: held by A, notice due lead days before (the plan's 5, or
   * the unit's 7), conclusion due 10 days after, and not there yet when written after A. */
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      const TestSession *t = &sessions[i];
      gboolean held = g_str_equal (t->status, "held") && by (t->date, as_of);
      const char *status_vi = held ? "Đã tổ chức"
                              : g_str_equal (t->status, "held") ? "Dự kiến"
                              : dt_choice_label_vi (DT_RECORD_SESSION, "status", t->status);
      const char *notice = NULL, *conclusion = NULL;

      if (strcmp (t->date, start) < 0 || strcmp (t->date, end) > 0)
        continue;
      if (held)
        {
          g_autofree char *notice_due = NULL, *conclusion_due = NULL;
          GDate date;

          set_date (&date, t->date);
          g_date_subtract_days (&date, t->plan != NULL ? 5 : 7);
          notice_due = dt_date_to_iso (&date);
          set_date (&date, t->date);
          g_date_add_days (&date, 10);
          conclusion_due = dt_date_to_iso (&date);
          notice = by (t->notice_date, as_of) && strcmp (t->notice_date, notice_due) <= 0
                   ? "Đúng hạn" : "Chậm";
          if (by (t->conclusion_date, as_of))
            conclusion = strcmp (t->conclusion_date, conclusion_due) <= 0 ? "Đúng hạn" : "Chậm";
          else
            conclusion = strcmp (as_of, conclusion_due) > 0 ? "Chậm" : "Chưa đến hạn";
        }
      json_array_append_new (sessions_rows,
                             json_pack ("[s, s, s, s?, s?, o]", t->code, t->date, status_vi,
                                        notice, conclusion,
                                        held ? json_integer (t->attendance) : json_null ()));
    }

  json_object_set_new (root, "summary", summary);
  json_object_set_new (root, "register", register_rows);
  json_object_set_new (root, "fields", fields);
  json_object_set_new (root, "agencies", agencies);
  json_object_set_new (root, "overdue", overdue_rows);
  json_object_set_new (root, "sessions", sessions_rows);
  json_object_set_new (root, "typed", typed);
  json_object_set_new (root, "review", json_boolean (period.kind == DT_PERIOD_YEARS));
  json_object_set_new (root, "hidden", json_string (CONFIDENTIAL_NAME));
  g_hash_table_unref (field_counts);
  g_hash_table_unref (agency_counts);
  return root;
}

static void
check_workbook (const char *path,
                json_t     *expected)
{
  g_autofree char *script = dt_test_data_path ("../report-check.py");
  g_autofree char *spec = g_strconcat (path, ".json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/usr/bin/python3", script, path, spec, NULL };
  int wait_status;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("/usr/bin/python3 is missing (build-aux/setup.sh installs it)");
      return;
    }
  g_assert_cmpint (json_dump_file (expected, spec, JSON_INDENT (1)), ==, 0);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("%s does not hold what it should:\n%s%s", path, out, err);
  g_test_message ("%s", out);
}

static void
test_report_workbook (DtTestFixture *fixture,
                      gconstpointer  data)
{
  add_office (fixture->db);

  for (guint k = 0; k < G_N_ELEMENTS (hand_worked); k++)
    {
      const HandWorked *h = &hand_worked[k];
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("report-%u.xlsx", k);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *as_of_iso = NULL;
      json_t *expected;
      DtPeriod period;
      GDate as_of;

      dt_period_parse (h->period, &period, NULL);
      if (h->as_of != NULL)
        set_date (&as_of, h->as_of);
      else
        dt_period_default_as_of (&period, NULL, &as_of);
      g_assert_true (dt_report_write_file (fixture->db, &period, &as_of, path, NULL, NULL, NULL,
                                           &error));
      g_assert_no_error (error);
      as_of_iso = dt_date_to_iso (&as_of);
      expected = expectations (h, as_of_iso);
      check_workbook (path, expected);
      json_decref (expected);
      if (g_getenv ("DOITHOAI_KEEP_REPORTS") != NULL)
        {
          g_autofree char *copy = g_build_filename (g_getenv ("DOITHOAI_KEEP_REPORTS"), name,
                                                    NULL);
          g_autofree char *contents = NULL;
          gsize length;

          g_file_get_contents (path, &contents, &length, NULL);
          g_file_set_contents (copy, contents, (gssize) length, NULL);
        }
    }
}

typedef struct
{
  GCancellable *cancellable;
  double        last;
  guint         calls;
  gboolean      backwards;
  double        cancel_at;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  p->backwards |= fraction < p->last;
  p->last = fraction;
  p->calls++;
  if (p->cancellable != NULL && fraction >= p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  /* Not the folder of the console's daily copy of the database. */
  while ((name = g_dir_read_name (d)) != NULL)
    n += !g_str_equal (name, "Sao lưu");
  return n;
}

static void
test_report_progress_and_cancel (DtTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "cancelled.xlsx", NULL);
  g_autofree char *before = NULL;
  Progress progress = { 0 };
  guint n_files;
  DtPeriod period;
  GDate as_of;

  add_office (fixture->db);
  /* Enough petitions for the scan to report on its way. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(DtPetition) p = dt_petition_new ();

      p->code = g_strdup_printf ("X-%04u", i);
      p->received = g_strdup_printf ("2025-%02u-%02u", 1 + i % 12, 1 + i % 28);
      p->channel = g_strdup ("written");
      p->summary = g_strdup ("Đề nghị");
      dt_petition_insert (fixture->db, p, &error);
      g_assert_no_error (error);
    }
  dt_period_parse ("2025", &period, NULL);
  set_date (&as_of, "2025-12-31");

  g_assert_true (dt_report_write_file (fixture->db, &period, &as_of, path, NULL, progress_cb,
                                       &progress, &error));
  g_assert_no_error (error);
  g_assert_false (progress.backwards);
  g_assert_cmpuint (progress.calls, >, 4);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  before = dt_test_file_checksum (path);
  n_files = count_files (fixture->dir);

  /* Cancelled half way: the earlier file stays as it was, and nothing is left beside it. */
  progress = (Progress) { cancellable, 0, 0, FALSE, 0.3 };
  g_assert_false (dt_report_write_file (fixture->db, &period, &as_of, path, cancellable,
                                        progress_cb, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (progress.last, <, 1.0);
  {
    g_autofree char *checksum = dt_test_file_checksum (path);

    g_assert_cmpstr (checksum, ==, before);
  }
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
}

static void
test_report_bad_targets (DtTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.xlsx", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "nowhere", "r.xlsx", NULL);
  g_autofree char *database_before = NULL;
  const char *paths[] = { folder, missing, fixture->path };
  guint n_files;
  DtPeriod period;
  GDate as_of;

  add_office (fixture->db);
  g_mkdir (folder, 0755);
  dt_period_parse ("2025", &period, NULL);
  set_date (&as_of, "2025-12-31");
  database_before = dt_test_file_checksum (fixture->path);
  n_files = count_files (fixture->dir);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (dt_report_write_file (fixture->db, &period, &as_of, paths[i], NULL, NULL,
                                            NULL, &error));
      g_assert_error (error, DT_ERROR, DT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, paths[i]));
    }
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  {
    g_autofree char *checksum = dt_test_file_checksum (fixture->path);

    g_assert_cmpstr (checksum, ==, database_before);
  }
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
}

/* ------------------------------------------------------------------------------------------
 * The console program
 * ------------------------------------------------------------------------------------------ */

static void
test_cli_report (DtTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *database = g_strconcat ("--database=", fixture->path, NULL);
  g_autofree char *out_path = g_build_filename (fixture->dir, "bao-cao.xlsx", NULL);
  g_autofree char *output = g_strconcat ("--output=", out_path, NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "a-folder", NULL);
  g_autofree char *to_folder = g_strconcat ("--output=", folder, NULL);
  g_autofree char *missing_path = g_build_filename (fixture->dir, "nowhere", "r.xlsx", NULL);
  g_autofree char *to_missing = g_strconcat ("--output=", missing_path, NULL);
  g_autofree char *to_database = g_strconcat ("--output=", fixture->path, NULL);
  g_autofree char *no_database_path = g_build_filename (fixture->dir, "none.sqlite", NULL);
  g_autofree char *no_database = g_strconcat ("--database=", no_database_path, NULL);
  g_auto(DtTestRun) run = { 0 };
  static const struct {
    const char *period;
    const char *as_of;
    const char *says;
  } usage[] = {
    { "--period=2025-Q5", NULL, "quarter 5" },
    { "--period=next-year", NULL, "“next-year” is not a period" },
    { "--period=2025-13", NULL, "month 13" },
    { "--period=2025-06-30..2025-04-01", NULL, "30/06/2025" },
    { "--period=2025..2021", NULL, "ends before it starts" },
    { "--period=2025-Q2", "--as-of=2025-03-31", "31/03/2025" },
    { "--period=2025-Q2", "--as-of=2025-02-30", "“2025-02-30”" },
    { "--period=2025-Q2", "--as-of=tomorrow", "“tomorrow”" },
  };
  guint n_files;

  add_office (fixture->db);
  g_mkdir (folder, 0755);
  n_files = count_files (fixture->dir);

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      if (usage[i].as_of != NULL)
        dt_test_cli (&run, "2026-01-15", database, "report", usage[i].period, usage[i].as_of,
                     output, NULL);
      else
        dt_test_cli (&run, "2026-01-15", database, "report", usage[i].period, output, NULL);
      g_assert_cmpint (run.status, ==, 1);
      if (strstr (run.err, usage[i].says) == NULL)
        g_error ("%s: “%s” does not say “%s”", usage[i].period, run.err, usage[i].says);
      g_assert_nonnull (strstr (run.err, "report --help"));
    }
  dt_test_cli (&run, "2026-01-15", database, "report", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--period"));
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--output"));
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025", "--colour", output, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  /* A file that cannot be written: exit 2, the message names it, nothing is left. */
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025", to_folder, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, folder));
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025", to_missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, missing_path));
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025", to_database, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, fixture->path));
  /* The database is still itself (its file changes when a connection checkpoints). */
  g_assert_cmpint (dt_database_count (fixture->db, "petitions", NULL), ==,
                   G_N_ELEMENTS (petitions));
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);

  /* No database there: exit 3, and none is made. */
  dt_test_cli (&run, "2026-01-15", no_database, "report", "--period=2025", output, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_false (g_file_test (no_database_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  /* Done: exit 0, the default as-of date said, the file there; a second run replaces it. */
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025-Q2", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "30/06/2025"));
  g_assert_nonnull (strstr (run.out, out_path));
  g_assert_true (g_file_test (out_path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *first = dt_test_file_checksum (out_path);

    dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025-H1", "--as-of=2025-12-31",
                 output, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "31/12/2025"));
    {
      g_autofree char *checksum = dt_test_file_checksum (out_path);

      g_assert_cmpstr (checksum, !=, first);
    }
  }
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files + 1);

  dt_test_cli (&run, "2026-01-15", "report", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--period"));
  g_assert_nonnull (strstr (run.out, "--as-of"));
  g_assert_nonnull (strstr (run.out, "--output"));
}

/* A file that another program holds (Excel locks it on Windows): made unreplaceable with
 * chattr +i where the file system allows it. */
static void
test_cli_report_locked (DtTestFixture *fixture,
                        gconstpointer  data)
{
  g_autofree char *database = g_strconcat ("--database=", fixture->path, NULL);
  g_autofree char *out_path = g_build_filename (fixture->dir, "open.xlsx", NULL);
  g_autofree char *output = g_strconcat ("--output=", out_path, NULL);
  g_autofree char *before = NULL;
  const char *lock[] = { "chattr", "+i", out_path, NULL };
  const char *unlock[] = { "chattr", "-i", out_path, NULL };
  g_auto(DtTestRun) run = { 0 };
  int wait_status = 1;
  guint n_files;

  add_office (fixture->db);
  g_file_set_contents (out_path, "the secretary's own copy", -1, NULL);
  before = dt_test_file_checksum (out_path);
  if (!g_spawn_sync (NULL, (char **) lock, NULL, G_SPAWN_SEARCH_PATH |
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &wait_status, NULL) ||
      !g_spawn_check_wait_status (wait_status, NULL))
    {
      g_test_skip ("chattr +i is not possible here");
      return;
    }
  n_files = count_files (fixture->dir);
  dt_test_cli (&run, "2026-01-15", database, "report", "--period=2025", output, NULL);
  g_spawn_sync (NULL, (char **) unlock, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                NULL, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, out_path));
  g_assert_nonnull (strstr (run.err, "another program"));
  {
    g_autofree char *checksum = dt_test_file_checksum (out_path);

    g_assert_cmpstr (checksum, ==, before);
  }
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
}

int
main (int   argc,
      char *argv[])
{
  /* Every default as-of date is the period's end: all of 2025 is past. */
  g_setenv ("DOITHOAI_TODAY", "2026-01-15", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/period/parse", test_period_parse);
  g_test_add_func ("/core/period/errors", test_period_errors);
  g_test_add_func ("/core/period/as-of", test_period_as_of);
  g_test_add_func ("/core/period/current-and-due", test_period_current);
  DT_TEST_ADD ("/core/report/figures-every-period", test_report_figures);
  DT_TEST_ADD ("/core/report/review-years", test_report_review_years);
  DT_TEST_ADD ("/core/report/past-as-of-reproducible", test_report_reproducible);
  DT_TEST_ADD ("/core/report/as-of-before-period", test_report_as_of_before_period);
  DT_TEST_ADD ("/core/report/workbook-read-back", test_report_workbook);
  DT_TEST_ADD ("/core/report/progress-and-cancel", test_report_progress_and_cancel);
  DT_TEST_ADD ("/core/report/bad-targets", test_report_bad_targets);
  DT_TEST_ADD ("/cli/report/bad-input", test_cli_report);
  DT_TEST_ADD ("/cli/report/file-held-open", test_cli_report_locked);

  return g_test_run ();
}
