// 备案短信核验: two tabs, a slider puzzle per form (pointer or keyboard), the server's messages shown and announced.
(function () {
  'use strict';

  var RESULT_STYLE = {
    VERIFIED_PARTIAL: 'ok', VERIFIED_COMPLETE: 'ok', ALREADY_VERIFIED: 'info', RESENT: 'ok',
    WRONG_INFO: 'bad', NOT_FOUND: 'bad', FAILED: 'bad', CAPTCHA_FAILED: 'bad', NOTHING_PENDING: 'info',
    RESEND_LIMIT: 'bad'
  };
  // the keyboard moves the piece by these fractions of the picture's width; each move is animated in steps of at most
  // STEP_PX pixels, every STEP_MS, and each step is a point of the track the server checks like a drag
  var KEY_SMALL = 0.01, KEY_LARGE = 0.1, STEP_PX = 3, STEP_MS = 20;

  function $(id) { return document.getElementById(id); }

  // ---- tabs (WAI-ARIA tabs: the active tab is in the tab order, arrow keys move between tabs) ------------------
  var TABS = ['check', 'resend'];
  function showTab(name, focus) {
    TABS.forEach(function (t) {
      var active = t === name, tab = $('tab-' + t);
      tab.classList.toggle('active', active);
      tab.setAttribute('aria-selected', String(active));
      tab.tabIndex = active ? 0 : -1;
      $('panel-' + t).hidden = !active;
      if (active && focus) { tab.focus(); }
    });
  }
  TABS.forEach(function (t, i) {
    $('tab-' + t).addEventListener('click', function () { showTab(t, false); });
    $('tab-' + t).addEventListener('keydown', function (e) {
      var next = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
      if (next) {
        e.preventDefault();
        showTab(TABS[(i + next + TABS.length) % TABS.length], true);
      }
    });
  });
  // a phone or ID suffix typed in one tab is that of the other
  [['check-phone', 'resend-phone'], ['check-id', 'resend-id']].forEach(function (pair) {
    pair.forEach(function (id, i) {
      $(id).addEventListener('input', function () { $(pair[1 - i]).value = $(id).value; });
    });
  });

  // ---- slider puzzle ----------------------------------------------------------------------------------------
  var puzzles = 0;

  function Puzzle(root) {
    this.root = root;
    this.token = null;
    this.required = true;
    root.appendChild($('captcha-template').content.cloneNode(true));
    this.stage = root.querySelector('.captcha-stage');
    this.bg = root.querySelector('.captcha-bg');
    this.piece = root.querySelector('.captcha-piece');
    this.bar = root.querySelector('.captcha-bar');
    this.fill = root.querySelector('.captcha-fill');
    this.handle = root.querySelector('.captcha-handle');
    this.status = root.querySelector('.captcha-status');
    var help = root.querySelector('.captcha-help');
    help.id = 'captcha-help-' + (++puzzles);
    this.handle.setAttribute('aria-describedby', help.id);
    root.querySelector('.captcha-refresh').addEventListener('click', this.load.bind(this));
    this.bindDrag();
    this.bindKeys();
    this.load();
  }

  Puzzle.prototype.setStatus = function (state, text) {
    this.root.classList.toggle('solved', state === 'solved');
    this.root.classList.toggle('failed', state === 'failed');
    this.status.textContent = text || '';
  };

  Puzzle.prototype.maxLeft = function () {
    return Math.max(0, this.stage.clientWidth - this.piece.offsetWidth);
  };

  Puzzle.prototype.move = function (dx) {
    this.piece.style.left = dx + 'px';
    this.handle.style.left = dx + 'px';
    this.fill.style.width = (dx + this.handle.offsetWidth / 2) + 'px';
    var max = this.maxLeft(), percent = max > 0 ? Math.round(dx / max * 100) : 0;
    this.handle.setAttribute('aria-valuenow', String(percent));
    this.handle.setAttribute('aria-valuetext', dx === 0 ? '拼图块位于起点' : '拼图块已右移 ' + percent + '%');
  };

  Puzzle.prototype.load = function () {
    var self = this;
    self.token = null;
    self.puzzle = null;
    self.keys = null;
    self.root.removeAttribute('data-puzzle-id');
    self.setStatus('', '正在加载拼图…');
    self.move(0);
    return fetch('/api/v1/captcha', { cache: 'no-store' }).then(function (r) {
      if (r.status === 429) { return r.json().then(function (p) { throw new Error(p.detail); }); }
      if (!r.ok) { throw new Error('拼图加载失败,请点击 ↻ 重试。'); }
      return r.json();
    }).then(function (p) {
      if (!p.required) {
        self.required = false;
        self.root.hidden = true;
        return;
      }
      self.puzzle = p;
      self.bg.src = p.backgroundImage;
      self.piece.src = p.templateImage;
      self.root.setAttribute('data-puzzle-id', p.id);
      self.setStatus('', '');
    }).catch(function (e) { self.setStatus('failed', e.message); });
  };

  Puzzle.prototype.bindDrag = function () {
    var self = this, drag = null;
    function point(e, type) {
      return { x: e.clientX - drag.x0, y: e.clientY - drag.y0, t: Date.now() - drag.start, type: type };
    }
    self.handle.addEventListener('pointerdown', function (e) {
      if (!self.puzzle || self.token || self.checking) { return; }
      e.preventDefault();
      self.keys = null;
      self.handle.setPointerCapture(e.pointerId);
      drag = { x0: e.clientX, y0: e.clientY, start: Date.now(), track: [] };
      drag.max = self.maxLeft();
      drag.track.push(point(e, 'down'));
      self.setStatus('', '');
    });
    self.handle.addEventListener('pointermove', function (e) {
      if (!drag) { return; }
      var p = point(e, 'move');
      drag.track.push(p);
      self.move(Math.max(0, Math.min(drag.max, p.x)));
    });
    function end(e) {
      if (!drag) { return; }
      var d = drag;
      d.track.push(point(e, 'up'));
      drag = null;
      self.check(d);
    }
    self.handle.addEventListener('pointerup', end);
    self.handle.addEventListener('pointercancel', end);
  };

  // the keyboard moves the piece the way a hand drags it: in small steps over time, each step a point of the track
  Puzzle.prototype.bindKeys = function () {
    var self = this;
    function step() {
      var k = self.keys;
      if (!k) { return; }
      var left = k.target - k.x;
      if (left === 0) {
        k.timer = null;
        if (k.confirm) { self.confirmKeys(); }
        return;
      }
      k.x += Math.max(-STEP_PX, Math.min(STEP_PX, left));
      k.track.push({ x: k.x, y: 0, t: Date.now() - k.start, type: 'move' });
      self.move(k.x);
      k.timer = setTimeout(step, STEP_MS);
    }
    self.handle.addEventListener('keydown', function (e) {
      if (!self.puzzle || self.token || self.checking) { return; }
      var width = self.stage.clientWidth, max = self.maxLeft();
      var by = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[e.key];
      var confirm = e.key === 'Enter' || e.key === ' ';
      if (by === undefined && !confirm && e.key !== 'Home' && e.key !== 'End') { return; }
      e.preventDefault();
      if (!self.keys) {
        self.keys = { start: Date.now(), x: 0, target: 0, timer: null, confirm: false,
          track: [{ x: 0, y: 0, t: 0, type: 'down' }] };
        self.setStatus('', '');
      }
      var k = self.keys;
      if (confirm) {
        k.confirm = true;
        if (!k.timer) { self.confirmKeys(); }
        return;
      }
      if (by !== undefined) {
        var fraction = Math.abs(by) === 10 || e.shiftKey ? KEY_LARGE : KEY_SMALL;
        k.target = Math.round(Math.max(0, Math.min(max, k.target + Math.sign(by) * fraction * width)));
      } else {
        k.target = e.key === 'Home' ? 0 : Math.round(max);
      }
      if (!k.timer) { k.timer = setTimeout(step, STEP_MS); }
    });
  };

  Puzzle.prototype.confirmKeys = function () {
    var k = this.keys;
    this.keys = null;
    if (!k) { return; }
    k.track.push({ x: k.x, y: 0, t: Date.now() - k.start, type: 'up' });
    this.check(k);
  };

  Puzzle.prototype.check = function (drag) {
    var self = this, stop = Date.now();
    var body = {
      id: self.puzzle.id,
      track: {
        bgImageWidth: Math.round(self.stage.clientWidth),
        bgImageHeight: Math.round(self.stage.clientHeight),
        templateImageWidth: Math.round(self.piece.offsetWidth),
        templateImageHeight: Math.round(self.piece.offsetHeight),
        startTime: drag.start,
        stopTime: stop,
        left: Math.round(parseFloat(self.piece.style.left) || 0),
        top: 0,
        trackList: drag.track
      }
    };
    self.checking = true;
    self.setStatus('', '正在验证…');
    fetch('/api/v1/captcha/checks', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (a) {
      self.checking = false;
      if (a.passed) {
        self.token = a.captchaToken;
        self.handle.setAttribute('aria-valuetext', '拼图验证已通过');
        self.setStatus('solved', '✓ 拼图验证通过');
      } else {
        self.setStatus('failed', (a.detail || a.message || '拼图未对准,请重新拖动滑块。') + '已换一张新拼图。');
        setTimeout(function () { self.load().then(function () {
          self.setStatus('failed', (a.detail || a.message || '拼图未对准,请重新拖动滑块。') + '已换一张新拼图。');
        }); }, 600);
      }
    }).catch(function () {
      self.checking = false;
      self.setStatus('failed', '网络异常,请重试。');
      self.load();
    });
  };

  // ---- forms ------------------------------------------------------------------------------------------------
  function showResult(el, style, text) {
    // the live region stays in the page; a change of its text is what screen readers announce
    el.hidden = false;
    el.className = 'result ' + style;
    el.textContent = text;
    // on a phone the answer is below the fold: bring it into view
    if (el.scrollIntoView) { el.scrollIntoView({ block: 'nearest' }); }
  }

  function clearFieldErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) {
      input.removeAttribute('aria-invalid');
      var error = $(input.id + '-error');
      if (error) { error.hidden = true; error.textContent = ''; }
    });
  }

  /** marks each field the server named (docs/http-contract.md: errors[{field, message}]) and returns whether one was found */
  function showFieldErrors(form, errors) {
    var first = null;
    errors.forEach(function (x) {
      var input = form.elements[x.field];
      var error = input && $(input.id + '-error');
      if (!error) { return; }
      input.setAttribute('aria-invalid', 'true');
      error.textContent = x.message;
      error.hidden = false;
      first = first || input;
    });
    if (first) { first.focus(); }
    return first !== null;
  }

  function bindForm(name, url, fields) {
    var form = $('form-' + name), result = $(name + '-result'), submit = $(name + '-submit');
    var puzzle = new Puzzle(form.querySelector('[data-captcha]'));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearFieldErrors(form);
      if (puzzle.required && !puzzle.token) {
        showResult(result, 'bad', '请完成拼图验证。');
        puzzle.handle.focus();
        return;
      }
      var body = {};
      fields.forEach(function (f) { body[f] = form.elements[f].value.trim(); });
      body.captchaToken = puzzle.token;
      submit.disabled = true;
      result.setAttribute('aria-busy', 'true');
      fetch(url, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (data) { return { status: r.status, data: data }; });
      }).then(function (answer) {
        var d = answer.data;
        if (answer.status === 200) {
          var text = d.message;
          if (d.result === 'WRONG_INFO' && typeof d.remainingAttempts === 'number') {
            text += '\n您还可以再输错' + d.remainingAttempts + '次,累计输错5次备案申请将被退回。';
          }
          result.setAttribute('data-result', d.result);
          showResult(result, RESULT_STYLE[d.result] || 'info', text);
          // the token was spent by this request: a new puzzle for the next try
          puzzle.load();
        } else if (answer.status === 400 && d.errors) {
          result.setAttribute('data-result', 'INVALID');
          showFieldErrors(form, d.errors);
          showResult(result, 'bad', d.errors.map(function (x) { return x.message; }).join('\n'));
        } else {
          result.setAttribute('data-result', answer.status === 429 ? 'TOO_MANY_REQUESTS' : 'ERROR');
          showResult(result, 'bad', d.detail || '服务暂时不可用,请稍后再试。');
        }
        // 400 and 429 are answered before the captcha: the solved puzzle still holds
      }).catch(function () {
        showResult(result, 'bad', '网络异常,请稍后再试。');
      }).finally(function () {
        submit.disabled = false;
        result.removeAttribute('aria-busy');
      });
    });
  }

  bindForm('check', '/api/v1/sms-verifications', ['phone', 'code', 'idLast6']);
  bindForm('resend', '/api/v1/sms-resends', ['phone', 'idLast6']);
})();
