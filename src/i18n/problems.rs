//! Failures in words: the step that failed, then why.

use infoplus_signature_core::machine::{Failure, Problem, Step};

use super::Lang;

impl Lang {
    pub fn step(self, step: Step) -> &'static str {
        match step {
            Step::Load => self.pick("读取签章信息失败", "Could not load the signature"),
            Step::Export => self.pick("生成待盖章文件失败", "Could not prepare the document"),
            Step::Redirect => self.pick("无法前往签章服务", "Could not open the signature service"),
            Step::Return => self.pick("确认盖章结果失败", "Could not check the sealing result"),
            Step::Delete => self.pick(
                "删除印章失败，印章已保留",
                "Could not delete the seal; it was kept",
            ),
            Step::Verify => self.pick("验证失败", "Could not verify"),
        }
    }

    pub fn problem(self, problem: &Problem) -> String {
        match problem {
            Problem::Network { detail } => self.pick_owned(
                format!("无法连接服务器（{detail}）"),
                format!("the server could not be reached ({detail})"),
            ),
            Problem::Timeout => self
                .pick(
                    "服务器在 15 秒内没有响应",
                    "the server did not answer within 15 seconds",
                )
                .to_owned(),
            Problem::Http { status } => self.pick_owned(
                format!("服务器返回错误 HTTP {status}"),
                format!("the server answered HTTP {status}"),
            ),
            Problem::Engine {
                errno,
                ecode,
                message,
            } => self.pick_owned(
                format!("引擎报告：{message}（{ecode}，{errno}）"),
                format!("the engine said: {message} ({ecode}, {errno})"),
            ),
            Problem::Unreadable { detail } => self.pick_owned(
                format!("引擎返回的签章结构无法读取（{detail}）"),
                format!("the engine returned an unreadable signature structure ({detail})"),
            ),
            Problem::UnsupportedMime { mime } => self.pick_owned(
                format!("文件类型为 {mime}，只能对 PDF 文件盖章"),
                format!("the document type is {mime}; only PDF documents can be sealed"),
            ),
            Problem::Conflict => self
                .pick("他人已修改此签章", "someone else changed this signature")
                .to_owned(),
            Problem::Config { detail } => self.pick_owned(
                format!("控件配置有误：{detail}"),
                format!("the control is misconfigured: {detail}"),
            ),
            Problem::Verifier { detail } => self.pick_owned(
                format!("验证程序停止运行（{detail}），已重新启动"),
                format!("the verifier stopped ({detail}) and was restarted"),
            ),
        }
    }

    /// "Could not load the signature: the server answered HTTP 500".
    pub fn failure(self, failure: &Failure) -> String {
        let separator = self.pick("：", ": ");
        format!(
            "{}{separator}{}",
            self.step(failure.step),
            self.problem(&failure.problem)
        )
    }
}
