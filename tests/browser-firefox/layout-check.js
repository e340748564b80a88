// The layout rules of issue 16, checked inside the page. One copy for both engines: ScreenshotTests reads this file and
// evaluates it in Chromium through Playwright, screens.mjs in Firefox through puppeteer-core. It is one function
// expression (no import, no export) so that both can evaluate it as it is.
//   phase 'laptop':     navigation inline (no menu button, every link shown on one row), Sign out shown, no horizontal overflow.
//   phase 'phone':      navigation folded (menu button shown, links hidden), no horizontal overflow, every table in a box
//                       that scrolls sideways and is no wider than the screen, every form in one column.
//   phase 'phone-open': after the menu button was tapped, every link and Sign out shown inside the screen.
// Returns { problems: [...], scrolling: n } where n counts the tables whose box actually scrolls (wider than the screen).
(phase) => {
  const problems = [];
  // The width the page lays out in: Firefox's classic scroll bar takes its part of innerWidth, so the smaller of the two.
  const vw = Math.min(window.innerWidth, document.documentElement.clientWidth);
  const vh = window.innerHeight;
  const name = (e) => {
    let n = e.tagName.toLowerCase();
    if (e.id) n += `#${e.id}`;
    if (typeof e.className === 'string' && e.className.trim()) n += `.${e.className.trim().split(/\s+/).join('.')}`;
    if (e.getAttribute('href')) n += `[href="${e.getAttribute('href')}"]`;
    if (e.getAttribute('name')) n += `[name="${e.getAttribute('name')}"]`;
    return n;
  };
  const shown = (e) => {
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  };
  const inside = (e) => {
    const r = e.getBoundingClientRect();
    return r.left >= -1 && r.right <= vw + 1 && r.top >= -1 && r.bottom <= vh + 1;
  };
  const scrolls = (e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  // An element's part of the page that a box of its own clips or scrolls does not widen the page.
  const clipped = (e) => {
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible' || getComputedStyle(p).position === 'fixed') return true;
    return false;
  };

  const page = document.documentElement;
  if (page.scrollWidth > vw + 1) {
    const widest = [...document.body.querySelectorAll('*')]
      .filter(e => e.getBoundingClientRect().right > vw + 1 && !clipped(e))
      .slice(0, 4).map(e => `${name(e)} to ${Math.round(e.getBoundingClientRect().right)}px`);
    problems.push(`the page is ${page.scrollWidth}px wide in a ${vw}px window: ${widest.join(', ')}`);
  }

  const toggle = document.querySelector('header .menu-button');
  const links = [...document.querySelectorAll('header nav a')];
  const signOut = document.querySelector("header form[action='/admin/sign-out'] button");
  if (links.length === 0) problems.push('no navigation links in the header');
  if (phase === 'laptop') {
    if (toggle && shown(toggle)) problems.push('the menu button shows at a laptop size');
    for (const a of links) if (!shown(a) || !inside(a)) problems.push(`the link ${name(a)} is not shown in the window`);
    // One row: every link's box overlaps every other's vertically (a badge is smaller than a link, so tops differ a little).
    const rects = links.filter(shown).map(a => a.getBoundingClientRect());
    if (rects.length && Math.max(...rects.map(r => r.top)) >= Math.min(...rects.map(r => r.bottom)))
      problems.push('the navigation links take more than one row');
  } else if (phase === 'phone') {
    if (!toggle || !shown(toggle) || !inside(toggle)) problems.push('no menu button shown at a phone size');
    for (const a of links) if (shown(a)) problems.push(`the link ${name(a)} shows before the menu is opened`);
    if (signOut && shown(signOut)) problems.push('Sign out shows before the menu is opened');
  } else if (phase === 'phone-open') {
    for (const a of links) if (!shown(a) || !inside(a)) problems.push(`the link ${name(a)} is not shown in the window with the menu open`);
  } else {
    problems.push(`unknown phase ${phase}`);
  }
  if (phase !== 'phone') {
    if (signOut && (!shown(signOut) || !inside(signOut))) problems.push('Sign out is not shown in the window');
    const lang = document.querySelector('header a.lang');
    if (!lang || !shown(lang) || !inside(lang)) problems.push('the language link is not shown in the window');
  }

  let scrolling = 0;
  if (phase === 'phone') {
    for (const table of document.querySelectorAll('main table')) {
      if (!shown(table)) continue;
      let box = table;
      while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
      if (!box || box === document.body) {
        problems.push(`the table ${name(table)} is in no box that scrolls sideways`);
        continue;
      }
      const r = box.getBoundingClientRect();
      if (r.width > vw + 1 || r.right > vw + 1 || r.left < -1)
        problems.push(`the scroll box of ${name(table)} (${name(box)}) spans ${Math.round(r.left)}..${Math.round(r.right)}px in a ${vw}px window`);
      if (box.scrollWidth > box.clientWidth + 1) scrolling++;
    }
    for (const form of document.querySelectorAll('main form')) {
      // A row's own buttons (Pause, Retry now) sit in a table cell, which scrolls with its table.
      if (!shown(form) || form.closest('table')) continue;
      const controls = [...form.querySelectorAll('input:not([type=hidden]), select, textarea, button')].filter(shown);
      for (const c of controls) {
        const r = c.getBoundingClientRect();
        if (r.right > vw + 1) problems.push(`${name(c)} of ${name(form)} reaches ${Math.round(r.right)}px in a ${vw}px window`);
      }
      if (controls.length < 2) continue;
      // A fieldset is one field of the form (the levels' checkboxes side by side): its left edge is what lines up.
      const fields = [...new Set(controls.map(c => c.closest('fieldset') ?? c))];
      if (fields.length < 2) continue;
      const lefts = fields.map(c => c.getBoundingClientRect().left);
      if (Math.max(...lefts) - Math.min(...lefts) > 4)
        problems.push(`the form ${name(form)} is not one column: its controls start at ${lefts.map(Math.round).join(', ')}px`);
    }
  }
  return { problems, scrolling };
}
