#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every control of the window has a name for screen readers (AT-SPI), and a control named by
a label on the screen is called what that label says.

Runs the real program on a database with some data, reads its accessible tree through
python3-pyatspi, visits each tab and the settings, and prints one TAP line per screen.
Needs a display and a session bus (run it under dbus-run-session, as meson does)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import gi
    gi.require_version("Atspi", "2.0")
    import pyatspi
except (ImportError, ValueError) as e:
    print("1..0 # SKIP python3-pyatspi is missing: %s" % e)
    sys.exit(0)

program, cli, schema_dir, localedir = sys.argv[1:5]

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_TEXT, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_SLIDER,
}


def safe_role(node):
    try:
        return node.getRole()
    except Exception:
        return None


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def showing(node):
    # GTK 4.8 reports "visible", not "showing"; the pages of a stack not on show are in the
    # tree too, which lets one look visit every tab.
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def label_of(node):
    try:
        for relation in node.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                target = relation.getTarget(0)
                # A label on the screen; an icon inside a button names nothing.
                if target is not None and target.getRole() == pyatspi.ROLE_LABEL:
                    return target.name
    except Exception:
        pass
    return None


def problems(root):
    found = []
    for node in walk(root):
        try:
            role = node.getRole()
        except Exception:
            continue
        if role not in CONTROLS or not showing(node):
            continue
        name = (node.name or "").strip()
        label = label_of(node)
        try:
            parent = node.parent.name or node.parent.getRoleName()
        except Exception:
            parent = ""
        where = "%s in %s" % (node.getRoleName(), parent)
        # With no name, GTK 4.8 gives the widget's type name ("GtkToggleButton").
        if not name or re.fullmatch(r"Gtk[A-Z][A-Za-z]*", name):
            found.append("%s has no accessible name%s" % (where, " (only “%s”)" % name
                                                          if name else ""))
        elif label is not None and label.replace("_", "").strip() != name:
            found.append("%s is named “%s”, its label says “%s”" % (where, name, label))
    return found


def find_app(pid, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:
                pass
        time.sleep(0.3)
    return None


def press(app, name, role=None, seconds=20):
    """Presses the control NAME once it shows: a menu's items reach the bus a while after the
    menu opens, longer on a slow build (the sanitizers')."""
    deadline = time.monotonic() + seconds
    while True:
        for node in walk(app):
            try:
                if (role is None or node.getRole() == role) and node.name == name and showing(node):
                    action = node.queryAction()
                    for i in range(action.nActions):
                        if action.getName(i) in ("click", "press", "activate"):
                            action.doAction(i)
                            time.sleep(1.0)
                            return True
            except Exception:
                continue
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)


def main():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("1..0 # SKIP no display: run it under xvfb-run")
        return 0
    work = tempfile.mkdtemp(prefix="doithoai-a11y-")
    database = os.path.join(work, "a11y.sqlite")
    env = dict(os.environ)
    env.update({
        "GSETTINGS_BACKEND": "memory", "GSETTINGS_SCHEMA_DIR": schema_dir,
        "DOITHOAI_LOCALEDIR": localedir, "DOITHOAI_LANGUAGE": "en", "LANGUAGE": "en",
        "XDG_DATA_HOME": os.path.join(work, "data"), "GTK_A11Y": "atspi",
        "DOITHOAI_TODAY": "2026-04-20", "GSK_RENDERER": "cairo", "GDK_BACKEND": "x11",
    })
    subprocess.run([cli, "--database=" + database, "demo", "--petitions=200"], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    process = subprocess.Popen([program, "--database=" + database], env=env)
    results = []
    try:
        app = find_app(process.pid)
        if app is None:
            print("1..0 # SKIP the program never showed on the accessibility bus")
            return 0
        controls = [n for n in walk(app) if safe_role(n) in CONTROLS and showing(n)]
        results.append(("the window, every tab (%d controls)" % len(controls), problems(app)))
        if len(controls) < 40:
            results.append(("the window", ["only %d controls were found" % len(controls)]))
        # The settings, from the main menu.
        if press(app, "Main Menu") and press(app, "Settings", pyatspi.ROLE_MENU_ITEM):
            time.sleep(1.0)
            settings = [app.getChildAtIndex(i) for i in range(app.childCount)]
            settings = [w for w in settings if w is not None and w.name == "Settings"]
            if settings:
                results.append(("the settings", problems(settings[0])))
            else:
                results.append(("the settings", ["the settings window did not open"]))
        else:
            results.append(("the settings", ["Main Menu → Settings cannot be pressed"]))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(work, ignore_errors=True)

    print("1..%d" % len(results))
    failed = 0
    for n, (screen, found) in enumerate(results, 1):
        if found:
            failed += 1
            print("not ok %d - %s" % (n, screen))
            for problem in found:
                print("# " + problem)
        else:
            print("ok %d - %s: every control has its name" % (n, screen))
    return 0


def outer():
    """Runs the check on a session bus of its own, and passes on only its TAP lines: the
    accessibility bus's daemons, started on that bus, write to the same output."""
    runner = shutil.which("dbus-run-session")
    if runner is None:
        print("1..0 # SKIP no dbus-run-session")
        return 0
    env = dict(os.environ, DT_A11Y_INNER="1")
    done = subprocess.run([runner, "--", sys.executable, os.path.abspath(__file__)] + sys.argv[1:],
                          env=env, stdout=subprocess.PIPE, text=True)
    for line in done.stdout.splitlines():
        if line.startswith(("1..", "ok ", "not ok ", "# ")):
            print(line)
    return done.returncode


sys.exit(main() if os.environ.get("DT_A11Y_INNER") else outer())
