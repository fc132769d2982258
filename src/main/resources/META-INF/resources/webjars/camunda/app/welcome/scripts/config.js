// Beian Verify: this Camunda webapp in Simplified Chinese (locales/zh.json) with the product's name in the header.
// Replaces the webjar's config.js of the same path on the classpath.
export default {
  app: {
    name: '首页',
    vendor: '备案短信核验'
  },
  // only Chinese: bureau staff and operators work in Chinese whatever their browser's language
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  }
};
