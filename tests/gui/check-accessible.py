#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real window through the accessibility bus (AT-SPI), as Orca would, and checks
that every control of the intake and follow-up tabs has a name, and that it is the label the
secretary sees: buttons, check boxes, entries, drop-downs, lists, the headers, rows and cells
of the register; and the window's own: its tabs, the tab switcher and the main menu. TAP
output.

    check-accessible.py DOITHOAI DOITHOAI-CLI

It runs itself again inside a session bus of its own (dbus-run-session), which starts the
accessibility bus; what the bus's daemons print is kept out of the TAP output.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

if "--inside" not in sys.argv:
    runner = shutil.which("dbus-run-session")
    if runner is None:
        print("1..7")
        for i in range(1, 8):
            print("ok %d # SKIP no dbus-run-session" % i)
        sys.exit(0)
    inside = subprocess.run([runner, "--", sys.executable, __file__, "--inside"] + sys.argv[1:],
                            stdout=subprocess.PIPE, text=True)
    for line in inside.stdout.splitlines():
        if re.match(r"^(1\.\.\d+|ok |not ok |#)", line):
            print(line)
        elif line.strip():
            sys.stderr.write(line + "\n")
    sys.exit(0 if inside.returncode == 0 else inside.returncode)
sys.argv.remove("--inside")

print("1..7")


def skip_all(reason):
    for i in range(1, 8):
        print("ok %d # SKIP %s" % (i, reason))
    sys.exit(0)


if len(sys.argv) < 3:
    skip_all("usage: check-accessible.py DOITHOAI DOITHOAI-CLI")
if not os.environ.get("DISPLAY"):
    skip_all("no display: run it under xvfb-run")
try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError) as error:
    skip_all("no AT-SPI for Python (python3-pyatspi): %s" % error)

doithoai, cli = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="doithoai-a11y-")
database = os.path.join(work, "a11y.sqlite")
env = dict(os.environ, DOITHOAI_TODAY="2026-11-26")
subprocess.run([cli, "--database=" + database, "demo", "--petitions=60"], env=env,
               check=True, stdout=subprocess.DEVNULL)

env.update(GDK_BACKEND="x11", GSK_RENDERER="cairo", DOITHOAI_LANGUAGE="en",
           GSETTINGS_BACKEND="memory", XDG_DATA_HOME=os.path.join(work, "data"))
env.pop("GTK_A11Y", None)
program = subprocess.Popen([doithoai, "--database=" + database], env=env,
                           stdout=sys.stderr)

# Roles of the things a person acts on or reads in a list.
CONTROLS = {"push button", "toggle button", "check box", "entry", "text", "combo box",
            "table cell", "table row", "tree table", "list", "radio button"}


def find_application():
    for _ in range(150):
        time.sleep(0.2)
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            application = desktop.get_child_at_index(i)
            try:
                if application is not None and application.get_name() == "doithoai":
                    return application
            except Exception:
                pass
    return None


def walk(node, found=None, depth=0):
    if found is None:
        found = []
    try:
        role, name = node.get_role_name(), node.get_name() or ""
    except Exception:
        return found
    found.append((node, role, name))
    if depth < 60:
        # A list hidden for a while lets its rows go: one may vanish while it is read.
        try:
            count = min(node.get_child_count(), 400)
        except Exception:
            return found
        for i in range(count):
            try:
                child = node.get_child_at_index(i)
            except Exception:
                continue
            if child is not None:
                walk(child, found, depth + 1)
    return found


def subtree(nodes, role, name):
    for node, r, n in nodes:
        if r == role and n == name:
            return walk(node)
    return []


def press(nodes, name):
    for node, role, n in nodes:
        if role in ("push button", "toggle button", "page tab") and n == name:
            try:
                if node.get_n_actions() > 0:
                    node.do_action(0)
                    return True
            except Exception:
                pass
    return False


def check(number, description, problems):
    if problems:
        print("not ok %d - %s" % (number, description))
        for problem in problems[:30]:
            print("# %s" % problem)
    else:
        print("ok %d - %s" % (number, description))


def expect(nodes, wanted):
    present = {(role, name) for _, role, name in nodes}
    return ["no %s named %r" % (role, name) for role, name in wanted if (role, name) not in present]


def unnamed(nodes):
    """Controls without a name, or with GTK's type name, or a mnemonic's underline read out."""
    problems = []
    for _, role, name in nodes:
        if role not in CONTROLS:
            continue
        if role == "table cell" and name == "":
            continue        # an empty cell shows nothing: nothing to say
        if name == "" or re.match(r"^(Gtk|Dt)[A-Z]", name) or re.search(r"_[^_ ]", name):
            problems.append("%s named %r" % (role, name))
    return problems


try:
    application = find_application()
    if application is None:
        for i in range(1, 8):
            print("not ok %d - the window never showed on the accessibility bus" % i)
        sys.exit(0)
    time.sleep(1.0)
    # The register is read when its tab is first shown.
    press(walk(application), "Petition Intake")
    time.sleep(1.5)
    everything = walk(application)

    intake = subtree(everything, "panel", "Petition Intake")
    check(1, "the register's controls are named by their labels", expect(intake, [
        ("entry", "Search by name, words of the summary, village or code (Ctrl+F)"),
        ("push button", "Filters"), ("push button", "Order"), ("push button", "New Petition"),
        ("check box", "Show confidential names"), ("push button", "Open"),
        ("push button", "Delete…"), ("tree table", "Register of petitions"),
    ]))

    headers = [name for _, role, name in intake if role == "filler" and name in (
        "Code", "Received", "Petitioner", "Village", "Field", "Summary", "Status", "Deadline")]
    rows = [name for _, role, name in intake if role == "table row"
            and re.match(r"^\d{4}-\d{4}, ", name)]
    cells = [name for _, role, name in intake if role == "table cell"
             and re.match(r"^\d{4}-\d{4}$", name)]
    problems = []
    if len(headers) != 8:
        problems.append("column headers named: %r" % headers)
    if len(rows) < 5:
        problems.append("rows named by code, petitioner and summary: %d" % len(rows))
    if len(cells) < 5:
        problems.append("code cells named by their code: %d" % len(cells))
    check(2, "the register's headers, rows and cells are named by what they show", problems)

    followup = subtree(everything, "panel", "Follow-up")
    check(3, "the follow-up tab's controls are named by their labels", expect(followup, [
        ("combo box", "Agency"), ("combo box", "Show"), ("entry", "Search (Ctrl+F)"),
        ("push button", "Assign…"), ("push button", "Add Event…"), ("push button", "Send On…"),
        ("push button", "Resolve…"), ("push button", "Decline…"),
        ("push button", "Withdrawn…"), ("push button", "Duplicate…"),
        ("push button", "Open in Intake"), ("list", "What Happened"),
        ("list", "Changes Recorded"), ("tree table", "Open petitions by deadline"),
    ]))

    # Driven through the bus: the tab (pressed above), then the button a screen reader presses,
    # open the form (made when first needed, so its fields are read after).
    pressed = []
    if not press(intake, "New Petition"):
        pressed.append("“New Petition” could not be pressed")
    else:
        time.sleep(1.0)
        # GTK 4.8 tells no "showing": the form is there when its first field has the focus.
        everything = walk(application)
        intake = subtree(everything, "panel", "Petition Intake")
        focused = [(role, name) for node, role, name in everything
                   if node.get_state_set().contains(Atspi.StateType.FOCUSED)
                   and role in CONTROLS]
        if ("text", "Received on") not in focused:
            pressed.append("the focus is on %r, not on the form's “Received on”" % focused)
    check(4, "the intake form's fields are named by their labels", expect(intake, [
        ("text", "Code"), ("text", "Received on"), ("combo box", "Channel"),
        ("text", "Session"), ("text", "Petitioner"), ("text", "Address"), ("text", "Village"),
        ("text", "Field"), ("text", "Summary"), ("text", "Content"), ("combo box", "Concerns"),
        ("check box", "Individual matter (not for dialogue)"),
        ("check box", "Confidential petitioner"), ("text", "Assign to"),
        ("text", "Assigned on"), ("push button", "Save"), ("push button", "Abandon"),
        ("push button", "Register"), ("push button", "Choose from the calendar (Alt+Down)"),
    ]))

    # A list's rows are rebound when what it shows is read again (a draft kept as she types,
    # a tab's list refreshed): a row met at that instant has no cells yet, so no name. What
    # counts is what stays: the problems seen in each of three looks, half a second apart.
    lasting = unnamed(intake) + unnamed(followup)
    for _ in range(2):
        if not lasting:
            break
        time.sleep(0.5)
        everything = walk(application)
        again = (unnamed(subtree(everything, "panel", "Petition Intake")) +
                 unnamed(subtree(everything, "panel", "Follow-up")))
        lasting = [problem for problem in lasting if problem in again]
    check(5, "no control of the two tabs is nameless, named after its type, or read with an "
             "underline", lasting)

    check(6, "“New Petition” pressed through AT-SPI opens the form, the focus on its first field",
          pressed)

    # The header bar: the tab switcher, each of its tabs and the main menu, named by what the
    # secretary sees (the menu by its tooltip); each tab's page by its title; no tab switcher
    # anywhere in the window named after its type (the sessions tab's steps too).
    titles = ["Overview", "Annual Plans", "Sessions & Minutes", "Petition Intake", "Follow-up"]
    header = subtree(everything, "page tab list", "Tabs")
    problems = expect(everything, [("page tab list", "Tabs")])
    problems += expect(header, [("page tab", title) for title in titles])
    problems += expect(everything, [("push button", "Main Menu")])
    problems += expect(everything, [("filler", title) for title in titles[:3]])
    problems += expect(everything, [("panel", title) for title in titles])
    problems += ["%s named %r" % (role, name)
                 for _, role, name in (header + subtree(everything, "push button", "Main Menu")
                                       + [n for n in everything if n[1] == "page tab list"])
                 if role in ("page tab list", "page tab", "push button", "toggle button")
                 and (name == "" or re.match(r"^(Gtk|Dt)[A-Z]", name))]
    problems += ["a tab's page named %r" % name for _, role, name in everything
                 if role in ("filler", "panel") and re.match(r"^Dt[A-Za-z]*Page$", name)]
    check(7, "the window's tabs, tab switcher and main menu are named by what they show",
          problems)
finally:
    program.terminate()
    try:
        program.wait(10)
    except subprocess.TimeoutExpired:
        program.kill()
    subprocess.run(["rm", "-rf", work])
