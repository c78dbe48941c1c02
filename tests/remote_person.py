"""A person somewhere else, signing in through the hand-off page's live view only.

They see pictures of the private window and act on them: click at a spot in the picture,
type, press Enter. To know where things are, they keep a *mirror*: the same marketplace
pages, opened in their own browser at the private window's size, where the field or button
they want is found by its label, and its place read off. Before each action they wait until
the live picture shows the page the mirror shows (a picture comparison, on each new frame).
The mirror never confirms anything; only what is done through the view counts.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from playwright.sync_api import BrowserContext, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.browser import VIEWPORT
from hect_automation.sandbox.amazon import APP_ID as AMAZON_APP_ID
from hect_automation.sandbox.ebay import CLIENT_ID as EBAY_CLIENT_ID
from hect_automation.sandbox.ebay import RUNAME as EBAY_RUNAME
from hect_automation.sandbox.ebay import SCOPES as EBAY_SCOPES
from hect_automation.sandbox.state import Tenant

# Mean difference per colour channel (0..255) between the live picture and the mirror,
# both drawn at 128x80, below which they show the same page (a caret, a focus ring differ).
SAME_PAGE = 6.0
DIFFERENCE = """async (b64) => {
  const live = document.getElementById('screen');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const ref = new Image();
  ref.src = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
  await ref.decode();
  const pixels = (im) => {
    const c = document.createElement('canvas'); c.width = 128; c.height = 80;
    const g = c.getContext('2d'); g.drawImage(im, 0, 0, 128, 80);
    return g.getImageData(0, 0, 128, 80).data;
  };
  const a = pixels(live), b = pixels(ref);
  let d = 0;
  for (let i = 0; i < a.length; i += 4)
    d += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
  return d / (a.length / 4) / 3;
}"""


@dataclass
class RemotePerson:
    viewer: Page  # the hand-off page, opened from the link
    mirror: Page

    @classmethod
    def open(
        cls, new_context: Callable[..., BrowserContext], link: str, mirror_url: str
    ) -> RemotePerson:
        """``new_context``: pytest-playwright's fixture (its contexts close with the test)."""
        viewer = new_context().new_page()
        viewer.set_viewport_size({"width": 1400, "height": 1150})  # the whole picture in view
        viewer.goto(link)
        mirror = new_context().new_page()
        mirror.set_viewport_size(VIEWPORT)  # the private window's size
        mirror.goto(mirror_url)
        return cls(viewer, mirror)

    @property
    def screen(self) -> Locator:
        return self.viewer.locator("#screen")

    def frames(self) -> int:
        return int(self.screen.get_attribute("data-frames") or 0)

    def wait_for_frame_after(self, count: int, timeout: float = 10) -> None:
        expect(self.screen).not_to_have_attribute("data-frames", str(count), timeout=timeout * 1000)

    def sees_mirror(self, timeout: float = 20) -> None:
        """Wait, frame by frame, until the live picture shows the mirror's page."""
        for _ in range(int(timeout * 4)):
            expect(self.screen).to_have_attribute("data-frames", re.compile(r"\d+"))
            count = self.frames()
            try:
                png = base64.b64encode(self.mirror.screenshot()).decode()
            except PlaywrightError as exc:  # Chromium on a loaded machine: no frame to take
                if "Unable to capture screenshot" not in exc.message:
                    raise
                continue  # look again, as the loop does for a picture not yet the same
            if self.viewer.evaluate(DIFFERENCE, png) < SAME_PAGE:
                return
            try:
                self.wait_for_frame_after(count, timeout=1)
            except AssertionError:
                continue  # still, but not yet the same: the mirror may still be loading
        raise AssertionError("the live view never showed the page the mirror shows")

    def click(self, target: Locator, *, see: bool = True) -> None:
        """Click, in the live picture, where ``target`` is in the mirror; then wait to see
        the click's effect (a focus ring, a tick, the next page), as a person does; not
        after the last click, which takes the window back to HECT (never shown)."""
        box = target.bounding_box()
        shown = self.screen.bounding_box()
        assert box and shown
        x = shown["x"] + (box["x"] + box["width"] / 2) * shown["width"] / VIEWPORT["width"]
        y = shown["y"] + (box["y"] + box["height"] / 2) * shown["height"] / VIEWPORT["height"]
        count = self.frames()
        self.viewer.mouse.click(x, y)
        if see:
            self.wait_for_frame_after(count)

    def type_into(self, field: Locator, text: str) -> None:
        self.click(field)
        self.viewer.keyboard.type(text)
        field.fill(text)

    def press(self, button: Locator, *, also_in_mirror: bool = True) -> None:
        """Press a button; the last one (not pressed in the mirror) leaves for HECT."""
        self.click(button, see=also_in_mirror)
        if also_in_mirror:
            button.click()

    def shows(self, target: Locator) -> bool:
        try:
            target.wait_for(timeout=3000)
        except PlaywrightTimeout:
            return False
        return True

    def sign_into_amazon(self, email: str, password: str, otp: str | None) -> None:
        m = self.mirror
        self.sees_mirror()
        self.type_into(m.get_by_label("Email or mobile phone number"), email)
        self.press(m.get_by_role("button", name="Continue"))
        self.sees_mirror()
        self.type_into(m.get_by_label("Password"), password)
        self.press(m.get_by_role("button", name="Sign in"))
        otp_field = m.get_by_label("Enter OTP", exact=False)
        checkbox = m.get_by_role("checkbox", name="I direct Amazon", exact=False)
        expect(otp_field.or_(checkbox)).to_be_visible()
        if otp and otp_field.is_visible():
            self.sees_mirror()
            self.type_into(otp_field, otp)
            self.press(m.get_by_role("button", name="Sign in"))
        self.sees_mirror()
        self.click(checkbox)
        checkbox.check()
        self.sees_mirror()
        self.press(m.get_by_role("button", name="Confirm"), also_in_mirror=False)

    def sign_into_ebay(self, user: str, password: str) -> None:
        m = self.mirror
        self.sees_mirror()
        self.type_into(m.get_by_label("Email or username"), user)
        self.press(m.get_by_role("button", name="Continue"))
        self.sees_mirror()
        self.type_into(m.get_by_label("Password"), password)
        self.press(m.get_by_role("button", name="Sign in"))
        agree = m.get_by_role("button", name="I agree")
        expect(agree).to_be_visible()
        self.sees_mirror()
        self.press(agree, also_in_mirror=False)


def ebay_mirror_url(account: Tenant) -> str:
    """eBay's consent page for a made-up request of HECT's app (see ``amazon_mirror_url``)."""
    query = urlencode(
        {
            "client_id": EBAY_CLIENT_ID,
            "redirect_uri": EBAY_RUNAME,
            "response_type": "code",
            "scope": EBAY_SCOPES,
            "state": "mirror",
        }
    )
    return f"{account.urls['ebay']}/oauth2/authorize?{query}"


def amazon_mirror_url(account: Tenant) -> str:
    """Amazon's consent page for a made-up request of HECT's app: the same pages the private
    window shows (a different ``state``, and the mirror never confirms)."""
    return (
        f"{account.urls['amazon']}/apps/authorize/consent?application_id={AMAZON_APP_ID}"
        "&version=beta&state=mirror"
    )
