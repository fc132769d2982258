// Beian Verify's script for Tasklist (loaded through customScripts in scripts/config.js).
//
// 1. Camunda Forms (form-js 1.8, as bundled with Tasklist 7.24) writes its messages in English and has no way to
//    translate them: the few texts it writes are put into Chinese where they appear.
// 2. An error of a task form (a wrong SMS code at the desk) is shown in Tasklist's notification area and stays there
//    until closed, even after the right code completed the task: errors are cleared when the task shown changes
//    (completed, or another one opened).
// 3. Tasklist keeps a task form's values in the browser's localStorage when "Save" is clicked or the session runs out
//    (`camunda-form:<task>` for Camunda Forms, `camForm:<task>` for embedded forms). For the desk's form that is an SMS
//    code, a phone number and an ID suffix left behind on a shared desk computer: such drafts are never written, any
//    left by an earlier version are removed, and the Save button is hidden (styles/user-styles.css).

const DRAFT_KEYS = /^(camunda-form|camForm):/;

(function noFormDraftsInTheBrowser() {
  const storage = window.localStorage;
  if (!storage) {
    return;
  }
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key !== null && DRAFT_KEYS.test(key)) {
      storage.removeItem(key);
    }
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === storage && DRAFT_KEYS.test(String(key))) {
      return;
    }
    return setItem.call(this, key, value);
  };
})();

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must match pattern .*\.$/s, () => '格式不正确,请按输入框下方的说明填写。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少需要${m[1]}个字符。`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `最多${m[1]}个字符。`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于${m[1]}。`],
  [/^Field must be a valid email\.$/, () => '请输入有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number.*$/, () => '请输入有效的国际电话号码(如 +8613800138000)。'],
  [/^Value is expected to be an integer\.$/, () => '请输入整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `最多${m[1]}位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m) => `请输入有效值,最接近的有效值为${m[1]}和${m[2]}。`],
  [/^Nothing to show\.$/, () => '暂无数据。'],
  [/^No results$/, () => '无匹配结果'],
  [/^ of $/, () => ' / ']
];

const ATTRIBUTES = {
  placeholder: { Select: '请选择', Search: '搜索' },
  'aria-label': { 'Previous page': '上一页', 'Next page': '下一页' }
};

function translate(text) {
  for (const [pattern, to] of MESSAGES) {
    const match = pattern.exec(text);
    if (match) {
      return to(match);
    }
  }
  return null;
}

function translateForm(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const translated = translate(node.nodeValue);
    if (translated !== null && translated !== node.nodeValue) {
      node.nodeValue = translated;
    }
  }
  for (const [attribute, texts] of Object.entries(ATTRIBUTES)) {
    root.querySelectorAll('[' + attribute + ']').forEach((element) => {
      const translated = texts[element.getAttribute(attribute)];
      if (translated) {
        element.setAttribute(attribute, translated);
      }
    });
  }
}

function formOf(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element ? element.closest('.fjs-container') : null;
}

new MutationObserver((mutations) => {
  const forms = new Set();
  for (const mutation of mutations) {
    const form = formOf(mutation.target);
    if (form) {
      forms.add(form);
    }
    mutation.addedNodes.forEach((added) => {
      if (added.nodeType === Node.ELEMENT_NODE) {
        added.querySelectorAll('.fjs-container').forEach((f) => forms.add(f));
      }
    });
  }
  forms.forEach(translateForm);
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

const angular = window.angular;
if (angular) {
  angular.module('cam.tasklist.custom').run(['$rootScope', '$location', 'Notifications',
    function ($rootScope, $location, Notifications) {
      let shownTask = $location.search().task;
      $rootScope.$on('$locationChangeSuccess', function () {
        const task = $location.search().task;
        if (task !== shownTask) {
          shownTask = task;
          Notifications.clear({ type: 'danger' });
        }
      });
    }]);
}

export default [];
