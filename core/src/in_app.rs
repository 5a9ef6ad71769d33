//! In-app browsers (WeChat, QQ, DingTalk, Alipay, Weibo, Feishu, Facebook,
//! Instagram, LINE, TikTok/Douyin): a web view inside a chat or social app.
//! They block or mangle `window.open` (WeChat opens the "popup" in place
//! of the form, or not at all), so popup mode falls back to the redirect,
//! which always works there. Recognised by the tokens these apps add to
//! their user agent.

/// User-agent tokens of in-app browsers, matched case-sensitively as the
/// apps write them.
const TOKENS: [&str; 15] = [
    "MicroMessenger/", // WeChat, WeCom (wxwork)
    "QQ/",             // mobile QQ (not QQBrowser, which is a real browser)
    "DingTalk/",
    "AlipayClient/",
    "Weibo",
    "__weibo__",
    "Lark/",
    "Feishu",
    "FBAN/",
    "FBAV/",
    "Instagram",
    "Line/",
    "musical_ly",
    "BytedanceWebview",
    "aweme",
];

/// Whether `user_agent` is that of an in-app browser, where popups cannot
/// be relied on.
pub fn is_in_app_browser(user_agent: &str) -> bool {
    TOKENS.iter().any(|token| user_agent.contains(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_app_browsers_are_recognised() {
        for ua in [
            // WeChat on Android and iOS, WeCom, DingTalk, Alipay, QQ, Feishu.
            "Mozilla/5.0 (Linux; Android 13; V2171A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh ColorScheme/Light",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AliApp(DingTalk/7.0.40) com.laiwang.DingTalk/30000000 Channel/201200 language/zh-Hans-CN",
            "Mozilla/5.0 (Linux; U; Android 12; zh-CN; M2012K11AC Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.43 Mobile Safari/537.36 UCBS/3.22.2.43_220223200704 ChannelId(1) NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.2.76.7000) AlipayClient/10.2.76.7000 Language/zh-Hans",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/9.0.0.611 V1_IPH_SQ_9.0.0_1_APP_A Pixel/1170 Core/WKWebView",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Lark/7.6.9 LarkLocale/zh_CN",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.32.107;FBBV/541593013]",
        ] {
            assert!(is_in_app_browser(ua), "{ua}");
        }
    }

    #[test]
    fn ordinary_browsers_are_not() {
        for ua in [
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
            // QQ Browser is a browser of its own, with working popups.
            "Mozilla/5.0 (Linux; U; Android 13; zh-cn; V2171A Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/14.6 Mobile Safari/537.36 COVC/046701",
            "",
        ] {
            assert!(!is_in_app_browser(ua), "{ua}");
        }
    }
}
