#include "audit-labels.h"
#include "juki/i18n.h"
#include "juki/protocol.h"

/* In the order an auditor looks for them: who came in, whom they looked
 * up, what came from the municipalities, then the rest by subject.  An
 * action not here (a newer server's) is shown as its code. */
const struct label audit_actions[] = {
	{ "login", N_("ログイン") },
	{ "auth.begin", N_("本人確認の開始") },
	{ "logout", N_("ログアウト") },
	{ "session.lock", N_("画面のロック") },
	{ "session.unlock", N_("ロックの解除") },
	PROVISION_KINDS(LABEL_ROW)
	{ "lookup.4joho", N_("照会 (4情報)") },
	{ "jimu.list", N_("事務の一覧") },
	{ "cs.update", N_("市町村CSからの更新") },
	{ "cs.update.replay", N_("更新の再適用") },
	{ "disclosure.list", N_("開示請求の一覧") },
	{ "disclosure.decide", N_("開示決定") },
	{ "disclosure.notify", N_("開示決定の通知") },
	{ "disclosure.provisions", N_("提供状況の開示") },
	{ "correction.register", N_("訂正等申出の受付") },
	{ "correction.list", N_("訂正等申出の一覧") },
	{ "print.begin", N_("帳票番号の発行") },
	{ "print.finish", N_("印刷結果の報告") },
	{ "print.step", N_("帳票の交付・保管・廃棄") },
	{ "print.reprint", N_("再印刷の申請") },
	{ "print.approve", N_("再印刷の承認") },
	{ "print.list", N_("帳票管理簿の一覧") },
	{ "print.show", N_("帳票の経過の表示") },
	{ "operator.list", N_("操作者名簿の一覧") },
	{ "operator.show", N_("操作者の表示") },
	{ "application.list", N_("付与申請の一覧") },
	{ "application.register", N_("付与申請の登録") },
	{ "application.approve", N_("付与申請の承認") },
	{ "operator.issue", N_("照合IDの発行") },
	{ "operator.enrol", N_("指紋の登録") },
	{ "operator.pin", N_("暗証番号の発行") },
	{ "operator.unlock", N_("照合IDのロック解除") },
	{ "operator.suspend", N_("照合IDの利用停止") },
	{ "operator.resume", N_("照合IDの利用再開") },
	{ "operator.roles", N_("役割の変更") },
	{ "operator.validity", N_("有効期限の変更") },
	{ "operator.revoke", N_("照合IDの無効化") },
	{ "audit.search", N_("監査ログの検索") },
	{ "audit.verify", N_("監査ログの検証") },
	{ "audit.export", N_("監査ログのCSV出力") },
	{ "audit.stats", N_("監査ログの統計") },
	{ "retention.purge", N_("保存期間を過ぎた記録の削除") },
	{ "alert.raise", N_("警告の発生") },
	{ "alert.count", N_("警告の件数の確認") },
	{ "alert.list", N_("警告の一覧") },
	{ "alert.ack", N_("警告の確認") },
	{ "training.exercises", N_("研修の課題の表示") },
	{ "tls.handshake", N_("接続の拒否 (証明書)") },
	{ "unknown", N_("不明な要求") },
	LABELS_END
};

const struct label audit_results[] = { AUDIT_RESULTS(LABEL_ROW) LABELS_END };
const struct label audit_damages[] = { AUDIT_DAMAGES(LABEL_ROW) LABELS_END };
const struct label audit_periods[] = { AUDIT_PERIODS(LABEL_ROW) LABELS_END };
