#!/usr/bin/env python3
"""Drive headless Chromium (Debian's chromium + chromium-driver, Selenium from PyPI) through a list
of steps, for the Gatehouse web console tests. Installed by scripts/browser-deps.sh; see
scripts/BROWSER.md.

    $GATEHOUSE_TEST_BROWSER_PYTHON browser_driver.py SCRIPT.json    # or `-` (the default): stdin

SCRIPT is either a JSON list of steps or an object
    {"steps": [...], "name": "console-login", "window": [1280, 900], "timeout": 10}
(name: prefix of the artifact files; window: initial size; timeout: default seconds for each wait).

Each step is an object with exactly one action key, plus optionally "as" (a name for its output,
collected in the result's "named") and "timeout" (seconds, for the waits in this step):

    {"open": URL}                                  navigate; returns when the page has loaded
    {"fill": {"css": SEL, "text": STR}}            clear the field and type STR
    {"click": SEL} | {"click": {"css": SEL, "navigates": true}}
    {"submit": SEL} | {"submit": {"css": SEL, "navigates": false}}
        click: waits until clickable, then clicks. submit: a submit button is clicked, any other
        element submits its form (form.requestSubmit(), so validation and submit handlers run).
        With navigates (default false for click, true for submit) the step then waits for the old
        page to go away and the new one to finish loading (redirect chains included).
    {"select": {"css": SEL, "value": STR}} | {"select": {"css": SEL, "text": STR}}
    {"wait": SEL}                                  until an element is present and visible
    {"wait_gone": SEL}                             until no element matches or none is visible
    {"wait_text": {"css": SEL, "contains": STR}}   until the element's text contains STR (css: body)
    {"wait_url": {"contains"|"prefix"|"equals": STR}}
    {"text": SEL}            -> the element's visible text (waits for it to be present)
    {"texts": SEL}           -> list of the visible texts of all matches (may be empty)
    {"count": SEL}           -> number of matches now
    {"attr": {"css": SEL, "name": ATTR}}  -> attribute/property value or null
    {"html": SEL}            -> the element's outerHTML
    {"expect_text": {"css": SEL, "contains": STR}} / {"expect_no_text": {...}}   checks now, no wait
    {"status": null}         -> HTTP status of the current document (Navigation Timing responseStatus)
    {"expect_status": 200}   fails unless the current document's HTTP status is this
    {"url": null}            -> current URL
    {"title": null}          -> document title
    {"cookies": null}        -> cookies visible to the current page's URL (WebDriver, incl. HttpOnly)
    {"all_cookies": null}    -> every cookie in the browser, any host (CDP Network.getAllCookies)
    {"delete_cookies": null} clear the cookies of the current host
    {"window": [W, H]}       resize the viewport to exactly W x H CSS pixels (phone: [390, 844])
    {"screenshot": PATH}     -> the PNG's absolute path; relative PATHs go under the artifacts dir
    {"js": SCRIPT}           -> return value of `execute_script(SCRIPT)` (write `return ...`)
    {"back": null} / {"refresh": null}

stdout gets one JSON object:
    {"ok": true, "outputs": [per-step output or null], "named": {...}, "url": ..., "title": ...,
     "console": [browser console messages at WARNING/SEVERE], "artifacts": DIR}
and on failure additionally
    {"ok": false, "failed_step": INDEX, "step": {...}, "error": "TimeoutException: ...",
     "page_text": first 2000 characters of the body's text, "screenshot": PNG path, "html_dump": path}
Exit status: 0 ok, 1 a step failed, 2 bad input or the browser could not start (JSON still printed).

Artifacts (screenshots, failure dumps) go to $GATEHOUSE_TEST_ARTIFACTS (default
/tmp/gatehouse-test-artifacts, created). Chromium and chromedriver come from $GATEHOUSE_TEST_CHROMIUM
and $GATEHOUSE_TEST_CHROMEDRIVER (defaults: Debian's /usr/lib/chromium/chromium, /usr/bin/chromedriver);
Selenium Manager is never used (no downloads).

As a module: `with Browser(window=(1280, 900)) as b: b.open(url); ...` or `run(steps, name=...)`,
which returns the same dict as the CLI prints.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from typing import Any

# Never let Selenium Manager look for (or download) a driver or a browser.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

DEFAULT_CHROMIUM = "/usr/lib/chromium/chromium"
DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver"
DEFAULT_ARTIFACTS = "/tmp/gatehouse-test-artifacts"
DEFAULT_WINDOW = (1280, 900)
DEFAULT_TIMEOUT = 10.0
PAGE_LOAD_TIMEOUT = 30.0
PAGE_TEXT_LIMIT = 2000

# Why each flag is there: scripts/BROWSER.md.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # root in a container: Chromium refuses to start as root with its sandbox on
    "--disable-dev-shm-usage",  # a container's /dev/shm may be 64 MB; use /tmp for shared memory
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",  # no update/safe-browsing/variations requests (offline)
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter,PasswordLeakDetection",
    "--password-store=basic",
    "--no-proxy-server",  # 127.0.0.1 servers directly, whatever http_proxy says
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
    "--lang=en-US",
]


class StepError(Exception):
    """A step's expectation did not hold (not a WebDriver error)."""


def artifacts_dir() -> str:
    d = os.environ.get("GATEHOUSE_TEST_ARTIFACTS") or DEFAULT_ARTIFACTS
    os.makedirs(d, exist_ok=True)
    return os.path.abspath(d)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "browser"


class Browser:
    """One headless Chromium with a fresh profile; close() (or `with`) removes the profile."""

    def __init__(
        self,
        window: tuple[int, int] = DEFAULT_WINDOW,
        timeout: float = DEFAULT_TIMEOUT,
        name: str = "browser",
        chromium: str | None = None,
        chromedriver: str | None = None,
    ) -> None:
        self.timeout = float(timeout)
        self.name = _safe_name(name)
        self.artifacts = artifacts_dir()
        self._stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        self._shots = 0
        chromium = chromium or os.environ.get("GATEHOUSE_TEST_CHROMIUM") or DEFAULT_CHROMIUM
        chromedriver = chromedriver or os.environ.get("GATEHOUSE_TEST_CHROMEDRIVER") or DEFAULT_CHROMEDRIVER
        for what, path in (("Chromium", chromium), ("chromedriver", chromedriver)):
            if not (os.path.isfile(path) and os.access(path, os.X_OK)):
                raise FileNotFoundError(f"{what} not found at {path} (run scripts/browser-deps.sh install)")
        self.profile = tempfile.mkdtemp(prefix="gatehouse-chromium-")
        self.driver = None
        try:
            self.driver = webdriver.Chrome(service=Service(executable_path=chromedriver, log_output=subprocess.DEVNULL),
                                           options=self._options(chromium, window))
            self.driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
            self.driver.set_script_timeout(PAGE_LOAD_TIMEOUT)
            self.set_viewport(int(window[0]), int(window[1]))
        except BaseException:
            self.close()
            raise

    def _options(self, chromium: str, window: tuple[int, int]) -> webdriver.ChromeOptions:
        opts = webdriver.ChromeOptions()
        opts.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            opts.add_argument(flag)
        opts.add_argument(f"--user-data-dir={self.profile}/profile")
        opts.add_argument(f"--window-size={int(window[0])},{int(window[1])}")
        opts.add_experimental_option(
            "prefs",
            {
                "credentials_enable_service": False,
                "profile.password_manager_enabled": False,
                "profile.password_manager_leak_detection": False,
                "intl.accept_languages": "en-US,en",
            },
        )
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        opts.page_load_strategy = "normal"
        # Talk to chromedriver on localhost directly, whatever http_proxy says. (Deprecated in favour
        # of a ClientConfig, which webdriver.Chrome does not take.)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            opts.ignore_local_proxy_environment_variables()
        return opts

    # --- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        if self.driver is not None:
            try:
                self.driver.quit()
            except Exception:  # noqa: BLE001
                pass
            self.driver = None
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- helpers -----------------------------------------------------------------------------

    def wait(self, timeout: float | None = None) -> WebDriverWait:
        return WebDriverWait(
            self.driver,
            self.timeout if timeout is None else float(timeout),
            poll_frequency=0.05,
            ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
        )

    def find(self, css: str, timeout: float | None = None, visible: bool = True):
        cond = EC.visibility_of_element_located if visible else EC.presence_of_element_located
        return self.wait(timeout).until(cond((By.CSS_SELECTOR, css)), f"no {'visible ' if visible else ''}element matches {css!r}")

    def _wait_loaded(self, old_html, timeout: float | None) -> None:
        w = self.wait(timeout)
        if old_html is not None:
            w.until(EC.staleness_of(old_html), "the page did not navigate away")
        w.until(lambda d: d.execute_script("return document.readyState") == "complete", "the new page did not finish loading")

    def _root(self):
        try:
            return self.driver.find_element(By.TAG_NAME, "html")
        except WebDriverException:
            return None

    def set_viewport(self, width: int, height: int) -> None:
        # Resize the window, then correct by the difference between window and viewport, so
        # innerWidth x innerHeight is exactly what was asked for.
        d = self.driver
        d.set_window_size(width, height)
        iw, ih = d.execute_script("return [window.innerWidth, window.innerHeight]")
        if (iw, ih) != (width, height):
            d.set_window_size(width + (width - iw), height + (height - ih))
        iw, ih = d.execute_script("return [window.innerWidth, window.innerHeight]")
        if (iw, ih) != (width, height):
            # Below Chromium's minimum window size: emulate the device metrics instead.
            d.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            )

    def page_text(self, limit: int = PAGE_TEXT_LIMIT) -> str:
        try:
            text = self.driver.execute_script("return document.body ? document.body.innerText : ''") or ""
        except WebDriverException:
            try:
                text = self.driver.page_source
            except WebDriverException:
                text = ""
        return text[:limit]

    def screenshot(self, path: str | None = None) -> str:
        if not path:
            self._shots += 1
            path = f"{self.name}-{self._stamp}-{self._shots}.png"
        if not os.path.isabs(path):
            path = os.path.join(self.artifacts, path)
        if not path.endswith(".png"):
            path += ".png"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not self.driver.save_screenshot(path):
            raise StepError(f"could not save a screenshot to {path}")
        return path

    def console(self) -> list[dict[str, Any]]:
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException:
            return []
        # The browser asks every site for /favicon.ico on its own; a 404 there is not the page's fault.
        return [
            {"level": e.get("level"), "message": e.get("message")}
            for e in entries
            if e.get("level") in ("WARNING", "SEVERE") and "/favicon.ico - Failed to load resource" not in (e.get("message") or "")
        ]

    def status(self) -> int | None:
        return self.driver.execute_script(
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n && n.responseStatus ? n.responseStatus : null;"
        )

    # --- actions (the step vocabulary) ---------------------------------------------------------

    def open(self, url: str) -> None:
        self.driver.get(url)

    def fill(self, css: str, text: str, timeout: float | None = None) -> None:
        el = self.find(css, timeout)
        el.clear()
        el.send_keys(text)

    def click(self, css: str, navigates: bool = False, timeout: float | None = None) -> None:
        el = self.wait(timeout).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)), f"no clickable element matches {css!r}")
        old = self._root() if navigates else None
        el.click()
        if navigates:
            self._wait_loaded(old, timeout)

    def submit(self, css: str, navigates: bool = True, timeout: float | None = None) -> None:
        el = self.find(css, timeout, visible=False)
        old = self._root() if navigates else None
        kind = self.driver.execute_script(
            "const e = arguments[0];"
            "if ((e.tagName === 'BUTTON' && e.type === 'submit') ||"
            "    (e.tagName === 'INPUT' && (e.type === 'submit' || e.type === 'image'))) return 'button';"
            "const f = e.tagName === 'FORM' ? e : (e.form || e.closest('form'));"
            "if (!f) return 'none';"
            "f.requestSubmit(); return 'form';",
            el,
        )
        if kind == "none":
            raise StepError(f"{css!r} is neither a submit button nor inside a form")
        if kind == "button":
            self.wait(timeout).until(EC.element_to_be_clickable(el), f"submit button {css!r} is not clickable")
            try:
                el.click()
            except (StaleElementReferenceException, WebDriverException) as error:
                # chromedriver sometimes reports on the clicked node after the page it belonged
                # to has already gone ("Node with given id does not belong to the document"):
                # the click happened. Whether it navigated is checked below.
                gone = isinstance(error, StaleElementReferenceException) or (
                    "does not belong to the document" in str(error)
                )
                if not navigates or not gone:
                    raise
        if navigates:
            self._wait_loaded(old, timeout)

    def select(self, css: str, value: str | None = None, text: str | None = None, timeout: float | None = None) -> None:
        sel = Select(self.find(css, timeout))
        if value is not None:
            sel.select_by_value(value)
        elif text is not None:
            sel.select_by_visible_text(text)
        else:
            raise StepError("select needs value or text")

    def wait_text(self, css: str, contains: str, timeout: float | None = None) -> str:
        def cond(d):
            els = d.find_elements(By.CSS_SELECTOR, css)
            for e in els:
                t = e.text
                if contains in t:
                    return t
            return False

        return self.wait(timeout).until(cond, f"no element matching {css!r} has text containing {contains!r}")

    def wait_url(self, contains: str | None = None, prefix: str | None = None, equals: str | None = None, timeout: float | None = None) -> str:
        def cond(d):
            u = d.current_url
            if equals is not None and u != equals:
                return False
            if prefix is not None and not u.startswith(prefix):
                return False
            if contains is not None and contains not in u:
                return False
            return u

        want = " and ".join(f"{k} {v!r}" for k, v in (("contains", contains), ("starts with", prefix), ("equals", equals)) if v is not None)
        url = self.wait(timeout).until(cond, f"the URL never {want}")
        self.wait(timeout).until(lambda d: d.execute_script("return document.readyState") == "complete", "the page did not finish loading")
        return url

    def all_cookies(self) -> list[dict[str, Any]]:
        return self.driver.execute_cdp_cmd("Network.getAllCookies", {}).get("cookies", [])

    # --- the step interpreter --------------------------------------------------------------------

    def run_step(self, step: dict[str, Any]) -> Any:
        op = step_action(step)
        arg = step[op]
        t = step.get("timeout")
        d = self.driver

        def css_of(a: Any) -> str:
            return a if isinstance(a, str) else a["css"]

        if op == "open":
            return self.open(arg)
        if op == "fill":
            return self.fill(arg["css"], str(arg["text"]), t)
        if op == "click":
            return self.click(css_of(arg), bool(arg.get("navigates", False)) if isinstance(arg, dict) else False, t)
        if op == "submit":
            return self.submit(css_of(arg), bool(arg.get("navigates", True)) if isinstance(arg, dict) else True, t)
        if op == "select":
            return self.select(arg["css"], arg.get("value"), arg.get("text"), t)
        if op == "wait":
            self.find(css_of(arg), t)
            return None
        if op == "wait_gone":
            css = css_of(arg)
            self.wait(t).until(
                lambda dr: not any(e.is_displayed() for e in dr.find_elements(By.CSS_SELECTOR, css)),
                f"an element matching {css!r} is still visible",
            )
            return None
        if op == "wait_text":
            return self.wait_text(arg.get("css", "body"), arg["contains"], arg.get("timeout", t))
        if op == "wait_url":
            return self.wait_url(arg.get("contains"), arg.get("prefix"), arg.get("equals"), arg.get("timeout", t))
        if op == "text":
            return self.find(css_of(arg), t, visible=False).text
        if op == "texts":
            return [e.text for e in d.find_elements(By.CSS_SELECTOR, css_of(arg))]
        if op == "count":
            return len(d.find_elements(By.CSS_SELECTOR, css_of(arg)))
        if op == "attr":
            return self.find(arg["css"], t, visible=False).get_attribute(arg["name"])
        if op == "html":
            return self.find(css_of(arg), t, visible=False).get_attribute("outerHTML")
        if op in ("expect_text", "expect_no_text"):
            css = arg.get("css", "body")
            texts = [e.text for e in d.find_elements(By.CSS_SELECTOR, css)]
            found = any(arg["contains"] in x for x in texts)
            if op == "expect_text" and not found:
                raise StepError(f"no element matching {css!r} has text containing {arg['contains']!r} ({len(texts)} matched)")
            if op == "expect_no_text" and found:
                raise StepError(f"an element matching {css!r} has text containing {arg['contains']!r}")
            return None
        if op == "status":
            return self.status()
        if op == "expect_status":
            got = self.status()
            if got != int(arg):
                raise StepError(f"the document's HTTP status is {got}, expected {int(arg)}")
            return got
        if op == "url":
            return d.current_url
        if op == "title":
            return d.title
        if op == "cookies":
            return d.get_cookies()
        if op == "all_cookies":
            return self.all_cookies()
        if op == "delete_cookies":
            d.delete_all_cookies()
            return None
        if op == "window":
            self.set_viewport(int(arg[0]), int(arg[1]))
            return d.execute_script("return [window.innerWidth, window.innerHeight]")
        if op == "screenshot":
            return self.screenshot(arg if isinstance(arg, str) else None)
        if op == "js":
            return d.execute_script(arg)
        if op == "back":
            d.back()
            return None
        if op == "refresh":
            d.refresh()
            return None
        raise ValueError(f"unknown action {op!r}")


ACTIONS = frozenset(
    "open fill click submit select wait wait_gone wait_text wait_url text texts count attr html expect_text "
    "expect_no_text status expect_status url title cookies all_cookies delete_cookies window screenshot js back "
    "refresh".split()
)


def step_action(step: Any) -> str:
    """The step's action key; ValueError when the step is malformed."""
    if not isinstance(step, dict):
        raise ValueError(f"a step must be a JSON object, got {step!r}")
    actions = [k for k in step if k not in ("as", "timeout")]
    if len(actions) != 1:
        raise ValueError(f"a step needs exactly one action key besides \"as\" and \"timeout\", got {sorted(actions)}")
    if actions[0] not in ACTIONS:
        raise ValueError(f"unknown action {actions[0]!r}")
    return actions[0]


def _error_text(e: BaseException) -> str:
    msg = getattr(e, "msg", None) or str(e)
    msg = msg.strip().splitlines()[0] if msg.strip() else ""
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def run(steps: list[dict[str, Any]], name: str = "browser", window: tuple[int, int] = DEFAULT_WINDOW, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Run the steps in a fresh browser; returns the result object (see the module docstring)."""
    result: dict[str, Any] = {"ok": False, "outputs": [], "named": {}, "artifacts": artifacts_dir()}
    for i, step in enumerate(steps):  # a malformed script fails before a browser starts
        try:
            step_action(step)
        except ValueError as e:
            result.update(failed_step=i, step=step, error=_error_text(e), exit=2)
            return result
    try:
        b = Browser(window=window, timeout=timeout, name=name)
    except Exception as e:  # noqa: BLE001
        result.update(error=f"browser did not start: {_error_text(e)}", exit=2)
        return result
    with b:
        for i, step in enumerate(steps):
            try:
                out = b.run_step(step)
            except Exception as e:  # noqa: BLE001
                result.update(failed_step=i, step=step, error=_error_text(e), exit=2 if isinstance(e, (ValueError, KeyError, TypeError)) else 1)
                try:
                    result["url"] = b.driver.current_url
                    result["title"] = b.driver.title
                except WebDriverException:
                    pass
                result["page_text"] = b.page_text()
                try:
                    result["screenshot"] = b.screenshot(f"{b.name}-{b._stamp}-failure-step{i}.png")
                except Exception as se:  # noqa: BLE001
                    result["screenshot_error"] = _error_text(se)
                try:
                    dump = os.path.join(b.artifacts, f"{b.name}-{b._stamp}-failure-step{i}.html")
                    with open(dump, "w", encoding="utf-8") as f:
                        f.write(b.driver.page_source)
                    result["html_dump"] = dump
                except Exception:  # noqa: BLE001
                    pass
                result["console"] = b.console()
                return result
            result["outputs"].append(out)
            if isinstance(step, dict) and "as" in step:
                result["named"][str(step["as"])] = out
        result.update(ok=True, url=b.driver.current_url, title=b.driver.title, console=b.console(), exit=0)
    return result


# --- self-check (scripts/browser-deps.sh runs it once per install) ---------------------------------

_SELF_CHECK_USERS = {"alice": "alice-password"}


def _fixture_servers():
    """An "app" and an "identity provider" on two loopback ports, in threads: the app's /login sets
    a state cookie and redirects to the IdP's login form; the form POSTs back, the IdP sets its own
    cookie and redirects to the app's /callback, which checks the state cookie against the query,
    sets a session cookie and redirects to /console, which needs it."""
    import html
    import threading
    import urllib.parse
    from http.cookies import SimpleCookie
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    ports: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        role = ""

        def log_message(self, *args: Any) -> None:
            pass

        def cookies(self) -> dict[str, str]:
            c = SimpleCookie(self.headers.get("Cookie", ""))
            return {k: v.value for k, v in c.items()}

        def page(self, status: int, title: str, body: str, headers: list[tuple[str, str]] = ()) -> None:
            data = (
                "<!doctype html><html><head><meta charset=utf-8>"
                '<meta name=viewport content="width=device-width, initial-scale=1">'
                f"<title>{html.escape(title)}</title>"
                "<style>body{font-family:sans-serif;margin:2em}main{max-width:40em}"
                "input,button{font-size:1.1em;margin:.3em 0;display:block}"
                "@media (max-width:600px){body{margin:.5em;background:#eef}}</style></head>"
                f"<body><main>{body}</main></body></html>"
            ).encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def redirect(self, status: int, location: str, headers: list[tuple[str, str]] = ()) -> None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()

        def do_GET(self) -> None:
            u = urllib.parse.urlsplit(self.path)
            q = dict(urllib.parse.parse_qsl(u.query))
            app = f"http://127.0.0.1:{ports['app']}"
            idp = f"http://127.0.0.1:{ports['idp']}"
            if self.role == "app" and u.path == "/":
                self.page(200, "App", '<h1>App</h1><a id="signin" href="/login">Sign in</a>')
            elif self.role == "app" and u.path == "/login":
                back = urllib.parse.quote(f"{app}/callback", safe="")
                self.redirect(302, f"{idp}/authorize?state=s123&redirect_uri={back}",
                              [("Set-Cookie", "app_state=s123; Path=/; HttpOnly; SameSite=Lax")])
            elif self.role == "app" and u.path == "/callback":
                if self.cookies().get("app_state") != q.get("state") or q.get("code") != "c456":
                    self.page(400, "Bad callback", f"<h1>Bad callback</h1><p>cookies {html.escape(str(self.cookies()))}</p>")
                    return
                self.redirect(303, "/console", [
                    ("Set-Cookie", "__Host-gh_session=alice; Path=/; Secure; HttpOnly; SameSite=Lax"),
                    ("Set-Cookie", "app_state=; Path=/; Max-Age=0"),
                ])
            elif self.role == "app" and u.path == "/console":
                who = self.cookies().get("__Host-gh_session")
                if not who:
                    self.page(401, "Sign in needed", "<h1>Sign in needed</h1>")
                else:
                    self.page(200, "Console", f'<h1>Console</h1><p id="who">Signed in as {html.escape(who)}</p>')
            elif self.role == "idp" and u.path == "/authorize":
                self.page(200, "Identity provider", (
                    '<h1>Identity provider</h1><form id="login" method="post">'
                    f'<input type="hidden" name="redirect_uri" value="{html.escape(q.get("redirect_uri", ""))}">'
                    f'<input type="hidden" name="state" value="{html.escape(q.get("state", ""))}">'
                    '<label>User <input name="username" id="username" required></label>'
                    '<label>Password <input name="password" id="password" type="password" required></label>'
                    '<button type="submit" id="go">Sign in</button></form>'))
            else:
                self.page(404, "Not found", "<h1>Not found</h1>")

        def do_POST(self) -> None:
            u = urllib.parse.urlsplit(self.path)
            n = int(self.headers.get("Content-Length") or 0)
            f = dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))
            if self.role == "idp" and u.path == "/authorize":
                if _SELF_CHECK_USERS.get(f.get("username", "")) != f.get("password"):
                    self.page(401, "Identity provider", '<h1>Identity provider</h1><p id="error">Wrong password</p>')
                    return
                sep = "&" if "?" in f["redirect_uri"] else "?"
                self.redirect(302, f"{f['redirect_uri']}{sep}code=c456&state={urllib.parse.quote(f.get('state', ''))}",
                              [("Set-Cookie", "idp_session=alice; Path=/; HttpOnly; SameSite=Lax")])
            else:
                self.page(404, "Not found", "<h1>Not found</h1>")

    servers = []
    for role in ("app", "idp"):
        h = type(f"{role}Handler", (Handler,), {"role": role})
        srv = ThreadingHTTPServer(("127.0.0.1", 0), h)
        srv.daemon_threads = True
        ports[role] = srv.server_address[1]
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
    return ports, servers


def self_check() -> int:
    """Exercise Chromium the way the console tests will; prints the results, exits non-zero on failure."""
    import socket

    static = tempfile.mkdtemp(prefix="gatehouse-browser-check-")
    with open(os.path.join(static, "index.html"), "w") as f:
        f.write('<!doctype html><title>Static</title><form id="f" action="/echo" method="get">'
                '<input name="q" id="q"><button type="submit">Go</button></form><p id="hello">Hello from http.server</p>')
    with socket_port() as port:
        pass
    srv = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", static, str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ports, servers = _fixture_servers()
    app, idp = f"http://127.0.0.1:{ports['app']}", f"http://127.0.0.1:{ports['idp']}"
    failures = 0
    try:
        deadline = time.monotonic() + 20
        while True:  # wait for http.server to listen (a plain connect: no http_proxy in the way)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or srv.poll() is not None:
                    print("self-check: python -m http.server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.1)
        checks = [
            ("static page from python -m http.server, form submit (GET)", {"name": "self-check-static", "steps": [
                {"open": f"http://127.0.0.1:{port}/"},
                {"text": "#hello", "as": "hello"},
                {"expect_status": 200},
                {"fill": {"css": "#q", "text": "chromium"}},
                {"submit": "#q"},
                {"wait_url": {"contains": "/echo?q=chromium"}},
                {"expect_status": 404},
                {"url": None, "as": "url"},
            ]}, lambda r: r["named"]["hello"] == "Hello from http.server" and r["named"]["url"].endswith("/echo?q=chromium")),
            ("sign-in across two ports: redirect, login form, cookies, callback, screenshot (1280x900)", {
                "name": "self-check-desktop", "window": [1280, 900], "steps": [
                {"open": app + "/console"},
                {"expect_status": 401},
                {"open": app + "/"},
                {"click": {"css": "#signin", "navigates": True}},
                {"wait_url": {"prefix": idp + "/authorize"}},
                {"fill": {"css": "#username", "text": "alice"}},
                {"fill": {"css": "#password", "text": "wrong"}},
                {"submit": "#go"},
                {"wait_text": {"css": "#error", "contains": "Wrong password"}},
                {"expect_status": 401},
                {"back": None},
                {"wait": "#username"},
                {"fill": {"css": "#username", "text": "alice"}},
                {"fill": {"css": "#password", "text": "alice-password"}},
                {"submit": "#login"},
                {"wait_url": {"equals": app + "/console"}},
                {"wait_text": {"css": "#who", "contains": "Signed in as alice"}},
                {"expect_status": 200},
                {"cookies": None, "as": "cookies"},
                {"all_cookies": None, "as": "all"},
                {"js": "return [window.innerWidth, window.innerHeight]", "as": "viewport"},
                {"screenshot": "self-check-desktop.png", "as": "shot"},
            ]}, lambda r: r["named"]["viewport"] == [1280, 900]
                and {c["name"] for c in r["named"]["cookies"]} >= {"__Host-gh_session", "idp_session"}
                and "app_state" not in {c["name"] for c in r["named"]["cookies"]}
                and any(c["name"] == "__Host-gh_session" and c["httpOnly"] and c["secure"] for c in r["named"]["all"])
                and os.path.getsize(r["named"]["shot"]) > 1000),
            ("phone-size viewport 390x844, screenshot", {"name": "self-check-phone", "window": [390, 844], "steps": [
                {"open": app + "/"},
                {"js": "return [window.innerWidth, window.innerHeight, getComputedStyle(document.body).backgroundColor]", "as": "vp"},
                {"screenshot": "self-check-phone.png", "as": "shot"},
            ]}, lambda r: r["named"]["vp"] == [390, 844, "rgb(238, 238, 255)"] and os.path.getsize(r["named"]["shot"]) > 1000),
            ("a failing step reports index, URL, page text and a screenshot", {"name": "self-check-failure", "timeout": 1, "steps": [
                {"open": app + "/"},
                {"wait_text": {"css": "h1", "contains": "Not there"}},
            ]}, lambda r: r.get("failed_step") == 1 and r["url"] == app + "/" and "Sign in" in r["page_text"]
                and os.path.isfile(r["screenshot"]) and r["error"].startswith("TimeoutException")),
        ]
        for what, script, ok in checks:
            t0 = time.monotonic()
            r = run(script["steps"], name=script["name"], window=tuple(script.get("window", DEFAULT_WINDOW)),
                    timeout=script.get("timeout", DEFAULT_TIMEOUT))
            r.pop("exit", None)
            try:
                good = (r["ok"] or script["name"] == "self-check-failure") and ok(r)
            except Exception:  # noqa: BLE001
                good = False
            print(f"self-check: {'ok' if good else 'FAILED'} ({time.monotonic() - t0:.1f} s): {what}")
            if not good:
                failures += 1
                print(json.dumps(r, default=str, indent=1))
    finally:
        srv.terminate()
        srv.wait()
        for s in servers:
            s.shutdown()
        shutil.rmtree(static, ignore_errors=True)
    return 1 if failures else 0


class socket_port:
    """A free TCP port on 127.0.0.1 (bound and released)."""

    def __enter__(self) -> int:
        import socket

        self.s = socket.socket()
        self.s.bind(("127.0.0.1", 0))
        return self.s.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        self.s.close()


def _exit_on_signal(signum: int, _frame: Any) -> None:
    # A test that times out sends SIGTERM: unwind (quitting Chromium, removing its profile).
    raise SystemExit(128 + signum)


def main(argv: list[str]) -> int:
    import signal

    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[1:] == ["--self-check"]:
        return self_check()
    src = argv[1] if len(argv) == 2 else "-"
    try:
        raw = sys.stdin.read() if src == "-" else open(src, encoding="utf-8").read()
        script = json.loads(raw)
        if isinstance(script, list):
            script = {"steps": script}
        if not isinstance(script, dict) or not isinstance(script.get("steps"), list):
            raise ValueError("expected a list of steps or an object with a \"steps\" list")
        window = script.get("window", DEFAULT_WINDOW)
        opts = {
            "name": str(script.get("name", "browser")),
            "window": (int(window[0]), int(window[1])),
            "timeout": float(script.get("timeout", DEFAULT_TIMEOUT)),
        }
    except (OSError, ValueError, TypeError, IndexError) as e:
        print(json.dumps({"ok": False, "error": f"bad script {src}: {_error_text(e)}"}))
        return 2
    result = run(script["steps"], **opts)
    code = int(result.pop("exit", 1))
    print(json.dumps(result, default=str))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
