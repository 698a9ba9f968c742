/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "dt-tab-switcher"

#include "config.h"

#include "dt-tab-switcher.h"

struct _DtTabSwitcher
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkSelectionModel *pages;
  gboolean           updating;
};

G_DEFINE_FINAL_TYPE (DtTabSwitcher, dt_tab_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The buttons say which page is shown: PAGES' selection. */
static void
update_active (DtTabSwitcher *self)
{
  guint i = 0;

  self->updating = TRUE;
  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self)); button != NULL;
       button = gtk_widget_get_next_sibling (button), i++)
    {
      gboolean selected = gtk_selection_model_is_selected (self->pages, i);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), selected);
      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED,
                                   selected, -1);
    }
  self->updating = FALSE;
}

static void
toggled_cb (GtkToggleButton *button,
            DtTabSwitcher   *self)
{
  guint i = 0;

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL && child != GTK_WIDGET (button); child = gtk_widget_get_next_sibling (child))
    i++;
  gtk_selection_model_select_item (self->pages, i, TRUE);
}

/* A page's title or visibility changed. */
static void
update_button (GtkWidget    *button,
               GtkStackPage *page)
{
  const char *title = gtk_stack_page_get_title (page);

  gtk_button_set_label (GTK_BUTTON (button), title);
  gtk_button_set_use_underline (GTK_BUTTON (button), gtk_stack_page_get_use_underline (page));
  gtk_widget_set_visible (button, gtk_stack_page_get_visible (page) && title != NULL);
}

static void
page_changed_cb (GtkStackPage *page,
                 GParamSpec   *pspec,
                 GtkWidget    *button)
{
  update_button (button, page);
}

static void
clear_buttons (DtTabSwitcher *self)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
}

/* A button for each page, in the stack's order. */
static void
build_buttons (DtTabSwitcher *self)
{
  GtkWidget *first = NULL;

  clear_buttons (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->pages)); i++)
    {
      /* GTK 4.8 has no autoptr for GtkStackPage. */
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_TAB,
                                        "focus-on-click", FALSE,
                                        NULL);

      update_button (button, page);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_signal_connect (button, "toggled", G_CALLBACK (toggled_cb), self);
      g_signal_connect_object (page, "notify", G_CALLBACK (page_changed_cb), button, 0);
    }
  update_active (self);
}

static void
selection_changed_cb (GtkSelectionModel *pages,
                      guint              position,
                      guint              n_items,
                      DtTabSwitcher     *self)
{
  update_active (self);
}

static void
items_changed_cb (GListModel    *pages,
                  guint          position,
                  guint          removed,
                  guint          added,
                  DtTabSwitcher *self)
{
  build_buttons (self);
}

static void
unset_stack (DtTabSwitcher *self)
{
  if (self->pages != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->pages, self);
      g_clear_object (&self->pages);
    }
  g_clear_object (&self->stack);
  clear_buttons (self);
}

void
dt_tab_switcher_set_stack (DtTabSwitcher *self,
                           GtkStack      *stack)
{
  g_return_if_fail (DT_IS_TAB_SWITCHER (self));
  g_return_if_fail (stack == NULL || GTK_IS_STACK (stack));

  if (self->stack == stack)
    return;
  unset_stack (self);
  if (stack != NULL)
    {
      self->stack = g_object_ref (stack);
      self->pages = gtk_stack_get_pages (stack);
      g_signal_connect (self->pages, "selection-changed", G_CALLBACK (selection_changed_cb),
                        self);
      g_signal_connect (self->pages, "items-changed", G_CALLBACK (items_changed_cb), self);
      build_buttons (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

GtkStack *
dt_tab_switcher_get_stack (DtTabSwitcher *self)
{
  g_return_val_if_fail (DT_IS_TAB_SWITCHER (self), NULL);
  return self->stack;
}

static void
dt_tab_switcher_dispose (GObject *object)
{
  unset_stack (DT_TAB_SWITCHER (object));

  G_OBJECT_CLASS (dt_tab_switcher_parent_class)->dispose (object);
}

static void
dt_tab_switcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, DT_TAB_SWITCHER (object)->stack);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_tab_switcher_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STACK:
      dt_tab_switcher_set_stack (DT_TAB_SWITCHER (object), g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dt_tab_switcher_class_init (DtTabSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dt_tab_switcher_dispose;
  object_class->get_property = dt_tab_switcher_get_property;
  object_class->set_property = dt_tab_switcher_set_property;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, GTK_TYPE_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Drawn as the theme draws GtkStackSwitcher. */
  gtk_widget_class_set_css_name (widget_class, "stackswitcher");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TAB_LIST);
}

static void
dt_tab_switcher_init (DtTabSwitcher *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
}

GtkWidget *
dt_tab_switcher_new (void)
{
  return g_object_new (DT_TYPE_TAB_SWITCHER, NULL);
}
