// 备案短信核验: two tabs, a slider puzzle per form, the server's messages shown as they come.
(function () {
  'use strict';

  var RESULT_STYLE = {
    VERIFIED_PARTIAL: 'ok', VERIFIED_COMPLETE: 'ok', ALREADY_VERIFIED: 'info', RESENT: 'ok',
    WRONG_INFO: 'bad', NOT_FOUND: 'bad', FAILED: 'bad', CAPTCHA_FAILED: 'bad', NOTHING_PENDING: 'info',
    RESEND_LIMIT: 'bad'
  };

  function $(id) { return document.getElementById(id); }

  // ---- tabs -------------------------------------------------------------------------------------------------
  function showTab(name) {
    ['check', 'resend'].forEach(function (t) {
      var active = t === name;
      $('tab-' + t).classList.toggle('active', active);
      $('tab-' + t).setAttribute('aria-selected', String(active));
      $('panel-' + t).hidden = !active;
    });
  }
  $('tab-check').addEventListener('click', function () { showTab('check'); });
  $('tab-resend').addEventListener('click', function () { showTab('resend'); });
  // a phone typed in one tab is the phone of the other
  ['check-phone', 'resend-phone'].forEach(function (id) {
    $(id).addEventListener('input', function () {
      var other = id === 'check-phone' ? 'resend-phone' : 'check-phone';
      $(other).value = $(id).value;
    });
  });
  ['check-id', 'resend-id'].forEach(function (id) {
    $(id).addEventListener('input', function () {
      var other = id === 'check-id' ? 'resend-id' : 'check-id';
      $(other).value = $(id).value;
    });
  });

  // ---- slider puzzle ----------------------------------------------------------------------------------------
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
    root.querySelector('.captcha-refresh').addEventListener('click', this.load.bind(this));
    this.bindDrag();
    this.load();
  }

  Puzzle.prototype.setStatus = function (state, text) {
    this.root.classList.toggle('solved', state === 'solved');
    this.root.classList.toggle('failed', state === 'failed');
    this.status.textContent = text || '';
  };

  Puzzle.prototype.move = function (dx) {
    this.piece.style.left = dx + 'px';
    this.handle.style.left = dx + 'px';
    this.fill.style.width = (dx + this.handle.offsetWidth / 2) + 'px';
  };

  Puzzle.prototype.load = function () {
    var self = this;
    self.token = null;
    self.puzzle = null;
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
      if (!self.puzzle || self.token) { return; }
      e.preventDefault();
      self.handle.setPointerCapture(e.pointerId);
      drag = { x0: e.clientX, y0: e.clientY, start: Date.now(), track: [] };
      drag.max = self.stage.clientWidth - self.piece.offsetWidth;
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
    self.setStatus('', '正在验证…');
    fetch('/api/v1/captcha/checks', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) { return r.json(); }).then(function (a) {
      if (a.passed) {
        self.token = a.captchaToken;
        self.setStatus('solved', '✓ 拼图验证通过');
      } else {
        self.setStatus('failed', a.detail || a.message || '拼图未对准,请重新拖动滑块。');
        setTimeout(function () { self.load(); }, 600);
      }
    }).catch(function () {
      self.setStatus('failed', '网络异常,请重试。');
      self.load();
    });
  };

  // ---- forms ------------------------------------------------------------------------------------------------
  function showResult(el, style, text) {
    el.hidden = false;
    el.className = 'result ' + style;
    el.textContent = text;
    // on a phone the answer is below the fold: bring it into view
    if (el.scrollIntoView) { el.scrollIntoView({ block: 'nearest' }); }
  }

  function bindForm(name, url, fields) {
    var form = $('form-' + name), result = $(name + '-result'), submit = $(name + '-submit');
    var puzzle = new Puzzle(form.querySelector('[data-captcha]'));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (puzzle.required && !puzzle.token) {
        showResult(result, 'bad', '请完成拼图验证。');
        return;
      }
      var body = {};
      fields.forEach(function (f) { body[f] = form.elements[f].value.trim(); });
      body.captchaToken = puzzle.token;
      submit.disabled = true;
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
          showResult(result, 'bad', d.errors.map(function (x) { return x.message; }).join('\n'));
        } else {
          result.setAttribute('data-result', answer.status === 429 ? 'TOO_MANY_REQUESTS' : 'ERROR');
          showResult(result, 'bad', d.detail || '服务暂时不可用,请稍后再试。');
        }
        // 400 and 429 are answered before the captcha: the solved puzzle still holds
      }).catch(function () {
        showResult(result, 'bad', '网络异常,请稍后再试。');
      }).finally(function () { submit.disabled = false; });
    });
  }

  bindForm('check', '/api/v1/sms-verifications', ['phone', 'code', 'idLast6']);
  bindForm('resend', '/api/v1/sms-resends', ['phone', 'idLast6']);
})();
