// The phrase lists of boilerplate_lines_v1, in English and Chinese (Simplified, with the
// Traditional spellings of the most common ones), as data. Each phrase belongs to a rule and
// matches in one place of a line:
//   .line      the whole line, once bullets, brackets, arrows and white space around it are
//              set aside ("• Share", "[登录]", "Next »"): menu items, buttons, headings;
//   .start     the start of the line ("当前位置：", "Posted on");
//   .anywhere  anywhere in the line.
// ASCII letters match either case; an ASCII phrase must stand as whole words (the bytes next to
// it are not ASCII letters or digits), except C4's, which match as substrings the way C4 does.
// Phrases apply only to lines of at most `max_phrase_line_words` words (a sentence that
// mentions "subscribe" is not a subscription notice), unless they set their own `maxWords`:
// C4's rules and line-start notices ("声明：…") apply to lines of any length, view counts and
// bylines to lines of at most 8 and 12 words. `digitBefore`: an ASCII digit must come shortly
// before ("1,024 views", "5 min read").
//
// Sources: C4's policy substrings and "javascript" (Raffel et al. 2020, §2.2; datatrove 0.10.1
// src/datatrove/pipeline/filters/c4_filters.py POLICY_SUBSTRINGS); the rest are common page
// furniture of English and Chinese sites, gathered from the menus, share bars, footers and
// "related" widgets of news, blog and forum pages (the zh-dirty-page corpus among them).

/// Why a line was removed; each rule counts its lines as `lines_removed_<rule>`.
public enum BoilerplateRule: String, Sendable, CaseIterable {
    case domainRepeated = "domain_repeated"
    case imageFile = "image_file"
    case keywordList = "keyword_list"
    case copyright
    case viewCount = "view_count"
    case byline
    case cookie
    case browserNotice = "browser_notice"
    case policy
    case javascript
    case subscription
    case share
    case navigation
    case callToAction = "call_to_action"
    case related
    case noLetters = "no_letters"
    case menuBlock = "menu_block"
    case tooFewWords = "too_few_words"
    case noTerminalPunctuation = "no_terminal_punctuation"

    /// The stats counter of the lines this rule removed.
    public var counter: String { "lines_removed_" + rawValue }
}

/// One phrase of a rule.
public struct BoilerplatePhrase: Sendable {
    public enum Place: Sendable { case line, start, anywhere }
    public var text: String
    public var rule: BoilerplateRule
    public var place: Place
    /// Matches inside words too (C4's substrings).
    public var substring = false
    /// Longest line, in words, the phrase applies to; nil: the stage's `max_phrase_line_words`.
    public var maxWords: Int?
    /// Needs an ASCII digit just before it.
    public var digitBefore = false
}

extension BoilerplatePhrase {
    static func list(_ rule: BoilerplateRule, _ place: Place, _ texts: [String], substring: Bool = false,
                     maxWords: Int? = nil, digitBefore: Bool = false) -> [BoilerplatePhrase] {
        texts.map { BoilerplatePhrase(text: $0, rule: rule, place: place, substring: substring, maxWords: maxWords, digitBefore: digitBefore) }
    }

    /// `maxWords` of phrases that apply to lines of any length.
    static let anyLength = Int.max

    /// Every built-in phrase.
    public static let all: [BoilerplatePhrase] =
        list(.policy, .anywhere, ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"],
             substring: true, maxWords: anyLength)
        + list(.javascript, .anywhere, ["javascript"], substring: true, maxWords: anyLength)
        + list(.copyright, .anywhere, [
            "all rights reserved", "copyright ©", "copyright (c)", "©", "&copy;", "版权所有", "版權所有", "保留所有权利",
            "版权归原作者", "版权归作者", "转载请注明", "轉載請註明", "转载请联系", "未经授权", "未经许可", "禁止转载",
            "如有侵权", "侵权请联系", "ICP备", "ICP证", "公网安备",
        ])
        + list(.copyright, .start, ["声明：", "声明:", "聲明：", "免责声明", "免責聲明", "版权声明", "版權聲明", "disclaimer:",
                                    "原文标题：", "原文标题:", "原文標題：", "文章出处：", "文章出处:", "文章出處：", "本文来源："],
               maxWords: anyLength)
        + list(.viewCount, .anywhere, ["次阅读", "次閱讀", "次浏览", "次瀏覽", "人阅读", "人浏览", "阅读量", "閱讀量", "浏览量", "瀏覽量",
                                       "阅读数", "浏览次数", "点击量", "次下载", "次下載", "次播放", "次观看", "人收藏", "人点赞"])
        + list(.viewCount, .anywhere, ["views", "view", "reads", "min read", "minute read", "minutes read", "comments", "comment",
                                       "likes", "shares", "replies"], maxWords: 8, digitBefore: true)
        + list(.byline, .start, ["发表于", "發表於", "发布于", "发布时间", "發佈時間", "作者：", "作者:", "来源：", "来源:", "來源：",
                                 "编辑：", "责任编辑", "責任編輯", "posted on", "posted by", "published on", "written by",
                                 "last updated", "last modified", "updated on"], maxWords: 12)
        + list(.cookie, .anywhere, ["we use cookies", "this site uses cookies", "this website uses cookies", "accept cookies",
                                    "accept all cookies", "cookie settings", "cookie preferences", "manage cookies",
                                    "使用cookie", "使用 cookie", "cookie政策", "cookie 政策"])
        + list(.browserNotice, .anywhere, ["enable javascript", "javascript is disabled", "javascript is required", "requires javascript",
                                           "javascript must be enabled", "turn on javascript", "your browser does not support",
                                           "upgrade your browser", "update your browser", "请启用javascript", "浏览器不支持"])
        + list(.subscription, .anywhere, [
            "subscribe to our newsletter", "sign up for our newsletter", "subscribe to our mailing list", "join our mailing list",
            "join our newsletter", "get our newsletter", "subscribe now", "subscribe today", "subscribe for free",
            "sign up for free", "sign up now", "enter your email", "enter your e-mail", "unsubscribe",
            "订阅我们", "订阅本站", "立即订阅", "订阅邮件", "邮件订阅", "扫码关注", "扫描二维码", "长按二维码", "长按识别",
            "关注公众号", "关注我们", "欢迎关注", "欢迎添加关注", "微信公众号", "点击关注", "訂閱", "關注我們",
        ])
        + list(.subscription, .line, ["subscribe", "newsletter", "订阅", "订阅号"])
        + list(.share, .line, [
            "share", "share this", "share this article", "share this post", "share this story", "share this page", "share article",
            "tweet", "pin it", "email", "e-mail", "print", "print this page", "facebook", "twitter", "linkedin", "whatsapp",
            "reddit", "pinterest", "telegram", "copy link", "copy url",
            "分享", "分享到", "分享至", "分享到：", "一键分享", "转发", "收藏", "点赞", "举报", "举报投诉", "评论", "打印",
            "微博", "微信", "朋友圈", "qq空间", "复制链接", "关注", "取消关注", "分享給", "收藏本文", "評論", "舉報",
        ])
        + list(.share, .start, ["share on", "share this", "share via", "分享到", "分享至"])
        + list(.navigation, .line, [
            "home", "homepage", "home page", "menu", "main menu", "navigation", "skip to content", "skip to main content",
            "skip to navigation", "jump to navigation", "back to top", "return to top", "go to top", "top of page",
            "sign in", "sign up", "log in", "login", "log out", "logout", "register", "my account", "search",
            "search this site", "site map", "sitemap", "contact", "contact us", "about", "about us", "next", "previous",
            "prev", "next page", "previous page", "next post", "previous post", "next article", "previous article",
            "older posts", "newer posts", "toggle navigation", "open menu", "close menu", "close", "categories",
            "archives", "tags", "load more", "show more", "view all", "see all", "more",
            "首页", "网站首页", "返回首页", "返回顶部", "回到顶部", "登录", "登陆", "注册", "免费注册", "登录注册", "退出",
            "退出登录", "会员中心", "个人中心", "用户中心", "创作中心", "消息中心", "我的主页", "网站地图", "联系我们",
            "关于我们", "上一篇", "下一篇", "上一页", "下一页", "更多", "查看更多", "加载更多", "设为首页", "加入收藏",
            "导航", "菜单", "搜索", "聊天消息", "系统消息", "评论与回复", "帮助中心", "意见反馈", "在线客服", "客服中心",
            "首頁", "網站首頁", "返回頂部", "登錄", "註冊", "會員中心", "個人中心", "創作中心", "網站地圖", "聯繫我們",
            "聯系我們", "關於我們", "上一頁", "下一頁", "系統消息", "評論與回復",
        ])
        + list(.navigation, .start, ["you are here:", "当前位置", "您的位置", "您现在的位置", "當前位置", "登录后", "登錄後"])
        + list(.callToAction, .line, [
            "read more", "continue reading", "learn more", "click here", "more info", "find out more", "read the full story",
            "查看详情", "阅读全文", "阅读原文", "点击查看", "查看原文", "展开全文", "立即下载", "立即注册", "立即登录",
            "下载app", "打开app", "閱讀全文", "閱讀原文", "查看詳情",
        ])
        + list(.callToAction, .anywhere, ["click here to", "不再提示", "立即完善", "点击这里", "点击下载", "點擊這裡"])
        + list(.related, .line, [
            "related", "related articles", "related posts", "related stories", "related content", "related links",
            "related reading", "related topics", "related news", "you may also like", "you might also like",
            "you may be interested in", "recommended", "recommended for you", "recommended articles", "recommended reading",
            "more stories", "more articles", "more from this author", "read next", "more like this", "popular posts",
            "popular articles", "most popular", "most read", "also read", "trending now",
            "相关推荐", "相关文章", "相关阅读", "相关新闻", "相关链接", "相关资讯", "推荐阅读", "延伸阅读", "猜你喜欢",
            "热点推荐", "热门推荐", "热门文章", "热门阅读", "精彩推荐", "为你推荐", "更多推荐", "相關文章", "相關推薦",
            "推薦閱讀", "熱門文章", "熱點推薦", "延伸閱讀",
        ])
}
