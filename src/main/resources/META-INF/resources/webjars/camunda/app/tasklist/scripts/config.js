// Beian Verify: Tasklist in Simplified Chinese (locales/zh.json), the product's name in the header, and the product's
// script for Camunda Forms (beian/tasklist.js). Replaces the webjar's config.js of the same path on the classpath.
export default {
  app: {
    name: '任务列表',
    vendor: '备案短信核验'
  },
  // only Chinese: staff of the bureaus and the desk work in Chinese whatever their browser's language
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  },
  customScripts: ['beian/tasklist'],
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到任务列表的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“启动流程”对话框'
    }
  }
};
