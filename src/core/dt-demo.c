/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dt-demo.h"
#include "dt-error.h"
#include "dt-records-private.h"
#include "dt-util.h"

/* Printed documents and data are Vietnamese whatever the interface language. */

static const char * const villages[] = {
  "Thôn Đông", "Thôn Tây", "Thôn Nam Hà", "Thôn Bắc Sơn", "Thôn Trung Lương",
  "Thôn Hòa Bình", "Thôn Tân Phong", "Thôn Yên Lạc", "Thôn Đình Lộc", "Thôn Khánh Thành",
};

static const char * const agencies[] = {
  "UBND xã", "UBMTTQ xã", "Công an xã", "Hội Nông dân xã", "Hội Liên hiệp Phụ nữ xã",
  "Đoàn Thanh niên xã", "Hội Cựu chiến binh xã", "Công chức Địa chính - Xây dựng",
  "Công chức Văn hóa - Xã hội", "Trạm Y tế xã",
};

typedef struct
{
  const char *name;
  const char *agency;
  const char *summaries[4];
} DemoField;

static const DemoField fields[] = {
  { "Đất đai", "Công chức Địa chính - Xây dựng", {
      "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho hộ gia đình",
      "Kiến nghị giải quyết tranh chấp ranh giới đất giữa hai hộ liền kề",
      "Đề nghị công khai phương án bồi thường khi thu hồi đất làm đường",
      "Phản ánh việc lấn chiếm đất hành lang giao thông" } },
  { "Môi trường", "UBND xã", {
      "Phản ánh tình trạng đổ rác thải bừa bãi ven kênh",
      "Đề nghị tăng số lần thu gom rác thải sinh hoạt",
      "Phản ánh mùi hôi từ trang trại chăn nuôi lợn gần khu dân cư",
      "Kiến nghị xử lý khói bụi từ lò gạch thủ công" } },
  { "Xây dựng nông thôn mới", "UBND xã", {
      "Đề nghị hỗ trợ xi măng làm đường bê tông liên xóm",
      "Kiến nghị sửa chữa nhà văn hóa thôn đã xuống cấp",
      "Đề nghị lắp đặt hệ thống điện chiếu sáng đường thôn",
      "Đề nghị công khai các khoản đóng góp xây dựng nông thôn mới" } },
  { "Chính sách xã hội", "Công chức Văn hóa - Xã hội", {
      "Đề nghị xem xét hồ sơ hưởng trợ cấp người có công",
      "Kiến nghị rà soát lại danh sách hộ nghèo, hộ cận nghèo",
      "Đề nghị hỗ trợ sửa chữa nhà ở cho hộ gia đình chính sách",
      "Đề nghị giải quyết chế độ bảo trợ xã hội cho người cao tuổi" } },
  { "Giao thông", "Công chức Địa chính - Xây dựng", {
      "Đề nghị sửa chữa đoạn đường liên thôn bị sụt lún",
      "Kiến nghị lắp biển báo giảm tốc độ gần trường học",
      "Đề nghị nạo vét rãnh thoát nước hai bên đường",
      "Phản ánh xe quá tải làm hư hỏng đường giao thông nông thôn" } },
  { "Thủy lợi", "Hội Nông dân xã", {
      "Đề nghị nạo vét kênh mương nội đồng trước vụ Đông Xuân",
      "Kiến nghị sửa chữa cống tiêu úng bị hư hỏng",
      "Đề nghị bố trí lịch bơm nước tưới hợp lý cho các xứ đồng",
      "Đề nghị kiên cố hóa tuyến kênh tưới" } },
  { "An ninh trật tự", "Công an xã", {
      "Phản ánh tình trạng thanh thiếu niên tụ tập gây mất trật tự ban đêm",
      "Đề nghị tăng cường tuần tra phòng chống trộm cắp tài sản",
      "Phản ánh tình trạng cờ bạc tại khu vực chợ",
      "Kiến nghị xử lý tình trạng xe máy chạy tốc độ cao trong thôn" } },
  { "Y tế", "Trạm Y tế xã", {
      "Đề nghị tổ chức khám sức khỏe định kỳ cho người cao tuổi",
      "Kiến nghị bổ sung thuốc thiết yếu tại trạm y tế",
      "Đề nghị phun thuốc phòng chống sốt xuất huyết",
      "Đề nghị hướng dẫn thủ tục bảo hiểm y tế hộ gia đình" } },
  { "Giáo dục", "Công chức Văn hóa - Xã hội", {
      "Đề nghị sửa chữa phòng học trường mầm non",
      "Kiến nghị công khai các khoản thu đầu năm học",
      "Đề nghị bố trí điểm đón trả học sinh an toàn",
      "Đề nghị hỗ trợ học sinh có hoàn cảnh khó khăn" } },
  { "Nông nghiệp", "Hội Nông dân xã", {
      "Đề nghị hỗ trợ giống lúa chất lượng cao",
      "Kiến nghị hướng dẫn phòng trừ sâu bệnh hại lúa",
      "Đề nghị hỗ trợ vốn vay phát triển chăn nuôi",
      "Đề nghị hỗ trợ tiêu thụ nông sản cho bà con" } },
};

static const char * const surnames[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
  "Dương", "Lý",
};
static const char * const middle_names[] = {
  "Văn", "Thị", "Đức", "Minh", "Hữu", "Thanh", "Ngọc", "Quang", "Xuân", "Thị Thu",
};
static const char * const given_names[] = {
  "An", "Bình", "Cường", "Dũng", "Đông", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương",
  "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang",
  "Tuấn", "Yến", "Đạt", "Lộc",
};

static const char * const bases[] = {
  "Quyết định số 657-QĐ/TU ngày 04/4/2018 của Ban Thường vụ Tỉnh ủy về ban hành Quy chế "
  "tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền các cấp với "
  "Nhân dân trên địa bàn tỉnh Hà Tĩnh",
  "Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị về trách nhiệm của người đứng đầu "
  "cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân và xử lý những phản ánh, kiến "
  "nghị của dân",
  NULL
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

typedef struct
{
  GRand     *rand;
  GDate      today;
  GPtrArray *held;        /* of DtSession, held sessions, by date */
  GPtrArray *all_codes;   /* petition codes, for duplicates */
} Demo;

static char *
date_add (const GDate *date,
          int          days)
{
  GDate copy = *date;

  if (days >= 0)
    g_date_add_days (&copy, (guint) days);
  else
    g_date_subtract_days (&copy, (guint) -days);
  return dt_date_to_iso (&copy);
}

/* A date DAYS after ISO, but never after today. */
static char *
later_date (Demo       *demo,
            const char *iso,
            int         days)
{
  GDate date;

  dt_date_parse (iso, &date);
  g_date_add_days (&date, (guint) MAX (days, 0));
  if (g_date_compare (&date, &demo->today) > 0)
    date = demo->today;
  return dt_date_to_iso (&date);
}

static int
days_between (const char  *iso,
              const GDate *later)
{
  GDate date;

  dt_date_parse (iso, &date);
  return g_date_days_between (&date, later);
}

static gboolean
write_unit (DtDatabase  *db,
            GError     **error)
{
  g_autoptr(DtUnit) unit = dt_unit_new ();

  unit->name = g_strdup ("ĐẢNG BỘ XÃ THẠCH LẠC");
  unit->superior = g_strdup ("ĐẢNG BỘ TỈNH HÀ TĨNH");
  unit->place = g_strdup ("Thạch Lạc");
  unit->symbol = g_strdup ("ĐU");
  unit->signer_on_behalf = g_strdup ("T/M BAN THƯỜNG VỤ");
  unit->signer_title = g_strdup ("BÍ THƯ");
  unit->signer_name = g_strdup ("Nguyễn Văn An");
  if (!dt_unit_save (db, unit, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    if (!dt_list_add (db, DT_LIST_VILLAGES, villages[i], error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    if (!dt_list_add (db, DT_LIST_AGENCIES, agencies[i], error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!dt_list_add (db, DT_LIST_FIELDS, fields[i].name, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_year (Demo        *demo,
            DtDatabase  *db,
            int          year,
            GError     **error)
{
  static const int months[] = { 4, 7, 10 };
  g_autoptr(DtPlan) plan = dt_plan_new ();
  int lead = g_rand_boolean (demo->rand) ? 5 : DT_NO_INT;
  int n_dialogues = g_rand_int_range (demo->rand, 2, 4);
  GDate issued;
  guint number = 1;

  g_date_set_dmy (&issued, (GDateDay) g_rand_int_range (demo->rand, 8, 25), 1, (GDateYear) year);
  plan->code = g_strdup_printf ("KH-%d", year);
  plan->year = year;
  plan->number = g_strdup_printf ("%02d-KH/ĐU", g_rand_int_range (demo->rand, 3, 15));
  plan->issued = dt_date_to_iso (&issued);
  plan->title = g_strdup_printf ("Kế hoạch tổ chức Hội nghị đối thoại trực tiếp giữa người đứng "
                                 "đầu cấp ủy Đảng, chính quyền với Nhân dân trên địa bàn xã "
                                 "năm %d", year);
  plan->bases = g_strdupv ((char **) bases);
  plan->purpose = g_strdup ("Thông qua hội nghị đối thoại để kịp thời nắm bắt tâm tư, nguyện "
                            "vọng, kiến nghị, đề xuất của Nhân dân; phát hiện những vấn đề "
                            "chưa phù hợp để chỉ đạo xử lý kịp thời.");
  plan->dialogues_planned = n_dialogues;
  plan->notice_lead_days = lead;
  plan->expected_attendance = 100;
  plan->reports_due = g_new0 (char *, 3);
  plan->reports_due[0] = g_strdup_printf ("%d-06-15", year);
  plan->reports_due[1] = g_strdup_printf ("%d-12-10", year);
  for (int i = 0; i < n_dialogues; i++)
    {
      DtPlannedSession *planned = dt_planned_session_new ();
      planned->month = months[i];
      planned->quarter = (months[i] - 1) / 3 + 1;
      planned->location = g_strdup_printf ("Nhà văn hóa %s", PICK (demo->rand, villages));
      planned->topic = g_strdup (PICK (demo->rand, fields).name);
      g_ptr_array_add (plan->planned_sessions, planned);
    }
  if (!dt_plan_insert (db, plan, error))
    return FALSE;

  /* The dialogues of the plan, then a reception day each quarter. */
  for (int i = 0; i < n_dialogues + 4; i++)
    {
      g_autoptr(DtSession) session = dt_session_new ();
      gboolean dialogue = i < n_dialogues;
      const char *village = PICK (demo->rand, villages);
      int month = dialogue ? months[i] : 3 * (i - n_dialogues) + 3;
      GDate date;
      /* The plan's lead days apply to its dialogues; other sessions follow the unit (7). */
      int lead_days = dialogue && lead != DT_NO_INT ? lead : 7;

      g_date_set_dmy (&date, (GDateDay) g_rand_int_range (demo->rand, 8, 26),
                      (GDateMonth) month, (GDateYear) year);
      while (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
        g_date_add_days (&date, 1);

      session->code = g_strdup_printf (dialogue ? "HN-%d-%02u" : "TD-%d-%02u", year, number++);
      session->plan = dialogue ? g_strdup (plan->code) : NULL;
      session->kind = g_strdup (dialogue ? "dialogue" : "reception");
      session->date = dt_date_to_iso (&date);
      session->time = g_strdup ("08:00");
      session->location = dialogue ? g_strdup_printf ("Nhà văn hóa %s", village)
                                   : g_strdup ("Trụ sở Đảng ủy xã");
      session->village = dialogue ? g_strdup (village) : NULL;
      session->topic = g_strdup (dialogue ? "Đối thoại về tình hình phát triển kinh tế - xã hội, "
                                            "xây dựng nông thôn mới và những vấn đề Nhân dân quan tâm"
                                          : "Tiếp công dân định kỳ của Bí thư Đảng ủy");
      session->chair = g_strdup ("Nguyễn Văn An, Bí thư Đảng ủy");
      session->secretary = g_strdup ("Lê Thị Hương, Chánh Văn phòng Đảng ủy");

      if (g_date_compare (&date, &demo->today) > 0)
        {
          session->status = g_strdup ("planned");
          if (g_date_days_between (&demo->today, &date) <= lead_days + 3)
            {
              session->notice_number = g_strdup_printf ("%u-TB/ĐU", 10 + number);
              session->notice_date = dt_date_to_iso (&demo->today);
            }
        }
      else if (dialogue && year == g_date_get_year (&demo->today) - 3 && i == 1)
        session->status = g_strdup ("postponed");
      else if (dialogue && year == g_date_get_year (&demo->today) - 2 && i == n_dialogues - 1)
        session->status = g_strdup ("cancelled");
      else
        {
          /* One notice in ten is late, one conclusion in eight too. */
          int notice_lead = g_rand_int_range (demo->rand, 0, 10) == 0 ? 3 : lead_days + 1;
          int conclusion_after = g_rand_int_range (demo->rand, 0, 8) == 0
                                 ? g_rand_int_range (demo->rand, 12, 16)
                                 : g_rand_int_range (demo->rand, 3, 10);

          session->status = g_strdup ("held");
          session->notice_number = g_strdup_printf ("%u-TB/ĐU", 10 + 2 * number);
          session->notice_date = date_add (&date, -notice_lead);
          session->attendance = g_rand_int_range (demo->rand, 60, 121);
          session->minutes_start = g_strdup ("08:00");
          session->minutes_end = g_strdup_printf ("11:%02d", g_rand_int_range (demo->rand, 0, 46));
          session->composition = g_strdup ("Thường trực Đảng ủy; lãnh đạo HĐND, UBND xã; "
                                           "Thường trực UBMTTQ và các đoàn thể; Bí thư chi bộ, "
                                           "Trưởng thôn và Nhân dân.");
          session->proceedings = g_strdup ("Văn phòng Đảng ủy tuyên bố lý do, giới thiệu đại "
                                           "biểu. Đồng chí Bí thư Đảng ủy báo cáo nội dung đối "
                                           "thoại. Nhân dân phát biểu ý kiến; chủ trì và đại "
                                           "diện các ban, ngành trả lời trực tiếp.");
          session->minutes_conclusion = g_strdup ("Những ý kiến chưa được giải quyết tại hội "
                                                  "nghị được giao các cơ quan liên quan xem xét, "
                                                  "trả lời bằng văn bản theo quy định.");
          if (days_between (session->date, &demo->today) >= conclusion_after)
            {
              session->conclusion_number = g_strdup_printf ("%u-TB/ĐU", 11 + 2 * number);
              session->conclusion_date = date_add (&date, conclusion_after);
            }
        }
      if (!dt_session_insert (db, session, error))
        return FALSE;
      if (g_str_equal (session->status, "held"))
        g_ptr_array_add (demo->held, g_steal_pointer (&session));
    }

  /* This year: a contact session coming up soon, its notice already out. */
  if (year == (int) g_date_get_year (&demo->today))
    {
      g_autoptr(DtSession) session = dt_session_new ();
      GDate date = demo->today;

      g_date_add_days (&date, 12);
      session->code = g_strdup_printf ("TX-%d-%02u", year, number);
      session->plan = g_strdup (plan->code);
      session->kind = g_strdup ("contact");
      session->date = dt_date_to_iso (&date);
      session->time = g_strdup ("14:00");
      session->location = g_strdup ("Hội trường Đảng ủy xã");
      session->village = g_strdup (PICK (demo->rand, villages));
      session->topic = g_strdup ("Tiếp xúc cử tri về kế hoạch phát triển kinh tế - xã hội năm tới");
      session->chair = g_strdup ("Nguyễn Văn An, Bí thư Đảng ủy");
      session->status = g_strdup ("planned");
      session->notice_number = g_strdup_printf ("%u-TB/ĐU", 40 + number);
      session->notice_date = dt_date_to_iso (&demo->today);
      if (!dt_session_insert (db, session, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const DtSession *sa = *(DtSession * const *) a;
  const DtSession *sb = *(DtSession * const *) b;

  return g_strcmp0 (sa->date, sb->date);
}

static int
days_between_iso (const GDate *from,
                  const char  *iso)
{
  GDate date;

  dt_date_parse (iso, &date);
  return g_date_days_between (from, &date);
}

static char *
random_person (GRand *rand)
{
  const char *middle = PICK (rand, middle_names);

  return g_strdup_printf ("%s %s %s", PICK (rand, surnames), middle, PICK (rand, given_names));
}

typedef struct
{
  int        day;       /* received, in days from the first day */
  guint      order;     /* drawn order, to keep the sort stable */
  DtSession *session;   /* raised at this session, or NULL */
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *sa = a;
  const Slot *sb = b;

  if (sa->day != sb->day)
    return sa->day - sb->day;
  return (int) sa->order - (int) sb->order;
}

/* Petitions raised at a session take that session's date: the last held before the day. */
static DtSession *
session_before (Demo        *demo,
                const GDate *day)
{
  g_autofree char *iso = dt_date_to_iso (day);
  guint lo = 0, hi = demo->held->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_strcmp0 (((DtSession *) g_ptr_array_index (demo->held, mid))->date, iso) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? g_ptr_array_index (demo->held, lo - 1) : NULL;
}

static gboolean
write_petition (Demo        *demo,
                DtDatabase  *db,
                const char  *code,
                const Slot  *slot,
                const GDate *first_day,
                GError     **error)
{
  g_autoptr(DtPetition) petition = dt_petition_new ();
  const DemoField *field = &PICK (demo->rand, fields);
  GDate received = *first_day;
  DtSession *session = slot->session;
  guint roll;
  int age;

  g_date_add_days (&received, (guint) slot->day);

  petition->code = g_strdup (code);
  if (session != NULL)
    {
      petition->channel = g_strdup ("session");
      petition->session = g_strdup (session->code);
      petition->received = g_strdup (session->date);
    }
  else
    {
      static const char * const channels[] = { "front", "front", "front", "written", "written",
                                                "direct", "direct", "phone", "other" };
      petition->channel = g_strdup (PICK (demo->rand, channels));
      petition->received = dt_date_to_iso (&received);
    }
  age = g_date_days_between (&received, &demo->today);

  petition->petitioner = random_person (demo->rand);
  petition->village = g_strdup (PICK (demo->rand, villages));
  petition->address = g_strdup_printf ("%s, xã Thạch Lạc", petition->village);
  petition->field = g_strdup (field->name);
  petition->summary = g_strdup (PICK (demo->rand, field->summaries));
  petition->content = g_strdup_printf ("%s. Ông (bà) %s trình bày: sự việc đã kéo dài, ảnh hưởng "
                                       "đến đời sống và sản xuất của các hộ dân trong %s; đề "
                                       "nghị các cấp sớm xem xét, giải quyết dứt điểm.",
                                       petition->summary, petition->petitioner,
                                       petition->village);
  petition->confidential = g_rand_int_range (demo->rand, 0, 100) < 3;
  /* Whom it concerns, from its code: the random sequence, and so the rest, stays as it was.
   * Most opinions are on the organisation; some on an official; the rest recorded as neither. */
  {
    guint share = g_str_hash (petition->code) % 100;

    petition->concerns = g_strdup (share < 60 ? "organisation" : share < 75 ? "official" : NULL);
  }

  roll = (guint) g_rand_int_range (demo->rand, 0, 100);
  if (roll < 3 && demo->all_codes->len > 0)
    {
      /* A duplicate of an earlier petition: recorded, counted only as a duplicate. */
      guint index = (guint) g_rand_int_range (demo->rand, MAX (0, (int) demo->all_codes->len - 200),
                                              (int) demo->all_codes->len);
      petition->duplicate_of = g_strdup (g_ptr_array_index (demo->all_codes, index));
    }
  else if (roll < 8)
    {
      petition->individual = TRUE;
      if (age >= 2)
        {
          petition->declined_date = later_date (demo, petition->received,
                                                g_rand_int_range (demo->rand, 1, 6));
          petition->declined_reason = g_strdup ("Ý kiến riêng lẻ của cá nhân, không thuộc nội "
                                                "dung đối thoại; đã hướng dẫn công dân đến bộ "
                                                "phận tiếp công dân.");
        }
    }
  else if (roll < 10 && age >= 3)
    petition->withdrawn_date = later_date (demo, petition->received,
                                           g_rand_int_range (demo->rand, 1, 10));
  else if (roll < 35 && session != NULL)
    {
      petition->answered_date = g_strdup (petition->received);
      petition->answer = g_strdup ("Chủ trì hội nghị đã trả lời trực tiếp, giải thích rõ chủ "
                                   "trương, chính sách liên quan; công dân đồng tình.");
    }
  else if (roll < 40 && age >= 10)
    {
      petition->escalated_to = g_strdup (g_rand_boolean (demo->rand) ? "UBND tỉnh Hà Tĩnh"
                                                                      : "Sở Nông nghiệp và Môi trường tỉnh");
      petition->escalated_date = later_date (demo, petition->received,
                                             g_rand_int_range (demo->rand, 5, 15));
      petition->escalated_number = g_strdup_printf ("%d-CV/ĐU", g_rand_int_range (demo->rand, 20, 400));
      petition->informed_date = later_date (demo, petition->escalated_date,
                                            g_rand_int_range (demo->rand, 1, 6));
    }
  else if (age >= 12 || (session != NULL && session->conclusion_date != NULL))
    {
      int resolve_roll = g_rand_int_range (demo->rand, 0, 100);
      int chance = age > 365 ? 98 : age > 90 ? 90 : age > 45 ? 55 : 20;

      petition->assigned_to = g_strdup (field->agency);
      petition->assigned_date = session != NULL && session->conclusion_date != NULL
                                ? g_strdup (session->conclusion_date)
                                : later_date (demo, petition->received,
                                              g_rand_int_range (demo->rand, 2, 11));
      if (resolve_roll < chance)
        {
          /* Most within 30 working days (about 42 calendar days), some late. */
          int after = resolve_roll % 6 == 0 ? g_rand_int_range (demo->rand, 45, 80)
                                            : g_rand_int_range (demo->rand, 7, 40);
          petition->resolved_date = later_date (demo, petition->assigned_date, after);
          petition->result = g_strdup ("Cơ quan được giao đã kiểm tra, xử lý và có văn bản trả "
                                       "lời công dân.");
          petition->informed_date = later_date (demo, petition->resolved_date,
                                                g_rand_int_range (demo->rand, 0, 5));
          g_ptr_array_add (petition->events,
                           dt_petition_event_new (petition->resolved_date,
                                                  "Cơ quan giải quyết có văn bản trả lời",
                                                  NULL));
          ((DtPetitionEvent *) g_ptr_array_index (petition->events, 0))->number =
            g_strdup_printf ("%d/UBND", g_rand_int_range (demo->rand, 100, 999));
        }
      else if (g_rand_boolean (demo->rand))
        {
          g_autofree char *reminder = later_date (demo, petition->assigned_date,
                                                  g_rand_int_range (demo->rand, 15, 40));
          g_ptr_array_add (petition->events,
                           dt_petition_event_new (reminder,
                                                  "Văn phòng Đảng ủy nhắc cơ quan được giao "
                                                  "khẩn trương giải quyết", NULL));
        }
    }

  if (!dt_petition_insert (db, petition, error))
    return FALSE;
  g_ptr_array_add (demo->all_codes, g_steal_pointer (&petition->code));
  return TRUE;
}

gboolean
dt_demo_generate (DtDatabase  *db,
                  guint        n_petitions,
                  guint32      seed,
                  GError     **error)
{
  Demo demo = { 0 };
  const char * const tables[] = { "plans", "sessions", "petitions", "villages", "agencies",
                                  "fields" };
  g_autoptr(DtUnit) unit = NULL;
  int this_year;
  GDate first_day;
  g_autofree Slot *slots = NULL;
  int span;
  gboolean ok = FALSE;

  g_return_val_if_fail (DT_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 count = dt_database_count (db, tables[i], error);
      if (count < 0)
        return FALSE;
      if (count > 0)
        {
          g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                       _("The database already holds records: demo data only goes into an "
                         "empty database."));
          return FALSE;
        }
    }

  /* Nor over a unit the secretary has set up. */
  if (!(unit = dt_unit_load (db, error)))
    return FALSE;
  if (unit->name != NULL)
    {
      g_set_error (error, DT_ERROR, DT_ERROR_INVALID,
                   _("The database already holds records: demo data only goes into an "
                     "empty database."));
      return FALSE;
    }

  demo.rand = g_rand_new_with_seed (seed);
  demo.held = g_ptr_array_new_with_free_func ((GDestroyNotify) dt_session_free);
  demo.all_codes = g_ptr_array_new_with_free_func (g_free);
  dt_today (&demo.today);
  this_year = g_date_get_year (&demo.today);
  g_date_set_dmy (&first_day, 1, 1, (GDateYear) (this_year - 5));
  span = g_date_days_between (&first_day, &demo.today) + 1;

  if (!_dt_database_savepoint (db, error))
    goto out;
  _dt_database_begin_bulk (db);
  if (!write_unit (db, error))
    goto undo;
  for (int year = this_year - 5; year <= this_year; year++)
    if (!write_year (&demo, db, year, error))
      goto undo;
  g_ptr_array_sort (demo.held, compare_sessions);

  /* Received days first, sorted, so that codes run in date order within each year. */
  slots = g_new (Slot, MAX (n_petitions, 1));
  for (guint i = 0; i < n_petitions; i++)
    {
      GDate day = first_day;

      slots[i].day = g_rand_int_range (demo.rand, 0, span);
      slots[i].order = i;
      slots[i].session = NULL;
      g_date_add_days (&day, (guint) slots[i].day);
      if (g_rand_int_range (demo.rand, 0, 100) < 45 &&
          (slots[i].session = session_before (&demo, &day)) != NULL)
        slots[i].day = days_between_iso (&first_day, slots[i].session->date);
    }
  qsort (slots, n_petitions, sizeof (Slot), compare_slots);

  {
    int year = 0;
    guint number = 0;

    for (guint i = 0; i < n_petitions; i++)
      {
        GDate date = first_day;
        g_autofree char *code = NULL;

        g_date_add_days (&date, (guint) slots[i].day);
        if ((int) g_date_get_year (&date) != year)
          {
            year = g_date_get_year (&date);
            number = 0;
          }
        code = g_strdup_printf ("%d-%04u", year, ++number);
        if (!write_petition (&demo, db, code, &slots[i], &first_day, error))
          goto undo;
      }
  }

  if (!_dt_database_end_bulk (db, TRUE, error))
    goto undo;
  ok = _dt_database_release (db, error);
  goto out;

undo:
  _dt_database_undo (db);
out:
  _dt_database_end_bulk (db, FALSE, NULL);
  g_ptr_array_unref (demo.held);
  g_ptr_array_unref (demo.all_codes);
  g_rand_free (demo.rand);
  return ok;
}
