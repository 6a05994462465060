namespace Dispatch.Mail.Templates;

/// <summary>The wording of every notice kind in Simplified Chinese and English. Pure text: no decisions.</summary>
internal static class NoticeTemplateCatalog
{
    /// <summary>Gets every template by kind and language.</summary>
    public static IReadOnlyDictionary<(NoticeKind Kind, NoticeLanguage Language), NoticeTemplate> All { get; } = Build();

    private static Dictionary<(NoticeKind, NoticeLanguage), NoticeTemplate> Build()
    {
        var t = new Dictionary<(NoticeKind, NoticeLanguage), NoticeTemplate>();
        void Add(NoticeKind kind, NoticeTemplate zh, NoticeTemplate en)
        {
            t.Add((kind, NoticeLanguage.ZhCn), zh);
            t.Add((kind, NoticeLanguage.En), en);
        }

        (string, string)[] villageZh = [("村（社区）", "{villageName}"), ("乡镇（街道）", "{township}")];
        (string, string)[] villageEn = [("Village", "{villageName}"), ("Township", "{township}")];

        Add(
            NoticeKind.SelectionProposal,
            new("第一书记人选建议：{villageName}（{roundName}）", "第一书记人选建议", ["系统根据村的需求为{villageName}提出以下第一书记人选建议，请审核并作出决定。您可以选择任何符合条件的干部，或要求重新提出建议。"], [.. villageZh, ("轮次", "{roundName}"), ("建议人选", "{candidateName}"), ("所在单位", "{candidateUnit}"), ("匹配得分", "{candidateScore:number}"), ("得分理由", "{candidateReasons:lines}"), ("请于此日前决定", "{dueDate:date}")], [("decide", "审核并决定")]),
            new("First secretary proposal: {villageName} ({roundName})", "First secretary proposal", ["Based on the village's needs, Dispatch proposes the following first secretary for {villageName}. Please review and decide: you may choose any eligible cadre or ask for a new proposal."], [.. villageEn, ("Round", "{roundName}"), ("Proposed cadre", "{candidateName}"), ("Unit", "{candidateUnit}"), ("Match score", "{candidateScore:number}"), ("Reasons", "{candidateReasons:lines}"), ("Please decide by", "{dueDate:date}")], [("decide", "Review and decide")]));
        Add(
            NoticeKind.SelectionReminder,
            new("提醒：{villageName}第一书记人选待决定", "人选待决定", ["{villageName}的第一书记人选建议（{candidateName}）尚未决定，请于{dueDate:date}前处理。"], [.. villageZh, ("轮次", "{roundName}"), ("建议人选", "{candidateName}"), ("截止日期", "{dueDate:date}")], [("decide", "审核并决定")]),
            new("Reminder: first secretary for {villageName} awaits your decision", "Decision pending", ["The proposal for {villageName} ({candidateName}) has not been decided yet. Please decide by {dueDate:date}."], [.. villageEn, ("Round", "{roundName}"), ("Proposed cadre", "{candidateName}"), ("Due", "{dueDate:date}")], [("decide", "Review and decide")]));
        Add(
            NoticeKind.SelectionEscalation,
            new("督办：{villageName}第一书记人选已等待{daysWaiting:int}天", "人选决定超期", ["{villageName}（{roundName}）的第一书记人选建议已等待{daysWaiting:int}天仍未决定，请督促办理。"], [.. villageZh, ("轮次", "{roundName}"), ("已等待天数", "{daysWaiting:int}")], [("decide", "查看并决定")]),
            new("Escalation: first secretary for {villageName} undecided for {daysWaiting:int} days", "Selection overdue", ["The first secretary proposal for {villageName} ({roundName}) has waited {daysWaiting:int} days without a decision. Please follow up."], [.. villageEn, ("Round", "{roundName}"), ("Days waiting", "{daysWaiting:int}")], [("decide", "Review and decide")]));
        Add(
            NoticeKind.Appointment,
            new("任职通知：选派您担任{villageName}驻村第一书记", "任职通知", ["经研究，选派您担任{township}{villageName}驻村第一书记，任期自{termStart:date}至{termEnd:date}。请按要求脱产驻村，吃住在村。"], [.. villageZh, ("任期开始", "{termStart:date}"), ("任期结束", "{termEnd:date}")], [("view", "查看任职详情")]),
            new("Appointment: first secretary of {villageName}", "Appointment", ["You have been appointed first secretary of {villageName}, {township}, for the term {termStart:date} to {termEnd:date}. You are relieved of your unit duties and live in the village for the term."], [.. villageEn, ("Term starts", "{termStart:date}"), ("Term ends", "{termEnd:date}")], [("view", "View the appointment")]));
        Add(
            NoticeKind.UnitNotice,
            new("选派通知：{secretaryName}任{villageName}驻村第一书记", "选派通知（派出单位）", ["贵单位{secretaryName}同志已被选派担任{township}{villageName}驻村第一书记。请为其脱产驻村提供保障，并落实派出单位责任。"], [("选派干部", "{secretaryName}"), .. villageZh, ("任期开始", "{termStart:date}"), ("任期结束", "{termEnd:date}")], [("view", "查看详情")]),
            new("Notice: {secretaryName} appointed first secretary of {villageName}", "Notice to the dispatching unit", ["{secretaryName} of your unit has been appointed first secretary of {villageName}, {township}. Please relieve them of unit duties and support the posting."], [("Cadre", "{secretaryName}"), .. villageEn, ("Term starts", "{termStart:date}"), ("Term ends", "{termEnd:date}")], [("view", "View details")]));
        Add(
            NoticeKind.TownshipNotice,
            new("到岗通知：{secretaryName}将任{villageName}驻村第一书记", "到岗通知（乡镇党委）", ["{unitName}{secretaryName}同志将于{termStart:date}到{villageName}任驻村第一书记，请做好接洽和日常管理。"], [("第一书记", "{secretaryName}"), ("派出单位", "{unitName}"), .. villageZh, ("任期开始", "{termStart:date}"), ("任期结束", "{termEnd:date}")], [("view", "查看详情")]),
            new("Arrival: {secretaryName} becomes first secretary of {villageName}", "Notice to the township party committee", ["{secretaryName} of {unitName} arrives at {villageName} on {termStart:date} as first secretary. Please receive them and take on day-to-day management."], [("First secretary", "{secretaryName}"), ("Unit", "{unitName}"), .. villageEn, ("Term starts", "{termStart:date}"), ("Term ends", "{termEnd:date}")], [("view", "View details")]));
        Add(
            NoticeKind.HandoverInvitation,
            new("交接会议邀请：{villageName} {meetingStart:datetime}", "交接会议邀请", ["{outgoingSecretaryName}与{incomingSecretaryName}的工作交接会议安排如下，日历邀请见附件。请确认时间，或提出其他时间。"], [("村（社区）", "{villageName}"), ("离任第一书记", "{outgoingSecretaryName}"), ("新任第一书记", "{incomingSecretaryName}"), ("时间", "{meetingStart:datetime}"), ("地点", "{meetingLocation}")], [("respond", "确认或改期")]),
            new("Handover meeting: {villageName}, {meetingStart:datetime}", "Handover meeting invitation", ["The handover meeting between {outgoingSecretaryName} and {incomingSecretaryName} is planned as below; the calendar invitation is attached. Please confirm or ask for another time."], [("Village", "{villageName}"), ("Outgoing secretary", "{outgoingSecretaryName}"), ("Incoming secretary", "{incomingSecretaryName}"), ("When", "{meetingStart:datetime}"), ("Where", "{meetingLocation}")], [("respond", "Confirm or reschedule")]));
        Add(
            NoticeKind.HandoverReminder,
            new("提醒：{villageName}交接事项待办理", "交接事项待办理", ["{villageName}的交接（{outgoingSecretaryName} → {incomingSecretaryName}）还有待您办理的事项，请于{dueDate:date}前完成。"], [("村（社区）", "{villageName}"), ("离任第一书记", "{outgoingSecretaryName}"), ("新任第一书记", "{incomingSecretaryName}"), ("截止日期", "{dueDate:date}")], [("respond", "办理交接事项")]),
            new("Reminder: handover step open for {villageName}", "Handover step open", ["A step of the handover at {villageName} ({outgoingSecretaryName} → {incomingSecretaryName}) is waiting for you. Please complete it by {dueDate:date}."], [("Village", "{villageName}"), ("Outgoing secretary", "{outgoingSecretaryName}"), ("Incoming secretary", "{incomingSecretaryName}"), ("Due", "{dueDate:date}")], [("respond", "Open the handover")]));
        Add(
            NoticeKind.HandoverEscalation,
            new("督办：{villageName}交接已等待{daysWaiting:int}天", "交接超期", ["{villageName}的交接（{outgoingSecretaryName} → {incomingSecretaryName}）已等待{daysWaiting:int}天未完成，请督促办理。"], [("村（社区）", "{villageName}"), ("离任第一书记", "{outgoingSecretaryName}"), ("新任第一书记", "{incomingSecretaryName}"), ("已等待天数", "{daysWaiting:int}")], [("view", "查看交接")]),
            new("Escalation: handover at {villageName} waiting {daysWaiting:int} days", "Handover overdue", ["The handover at {villageName} ({outgoingSecretaryName} → {incomingSecretaryName}) has waited {daysWaiting:int} days. Please follow up."], [("Village", "{villageName}"), ("Outgoing secretary", "{outgoingSecretaryName}"), ("Incoming secretary", "{incomingSecretaryName}"), ("Days waiting", "{daysWaiting:int}")], [("view", "View the handover")]));
        Add(
            NoticeKind.HandoverListRequest,
            new("请提交交接清单：{villageName}", "提交交接清单", ["交接会议后，请提交{villageName}的交接清单：工作台账、未完成项目及资金、群众诉求、防返贫监测户、资产、联系人，交{incomingSecretaryName}确认。"], [("村（社区）", "{villageName}"), ("新任第一书记", "{incomingSecretaryName}"), ("截止日期", "{dueDate:date}")], [("form", "填写交接清单")]),
            new("Please submit the handover list: {villageName}", "Submit the handover list", ["After the handover meeting, please submit the handover list for {villageName}: ledgers, unfinished projects and funds, villagers' open requests, monitored households, assets and contacts, for {incomingSecretaryName} to accept."], [("Village", "{villageName}"), ("Incoming secretary", "{incomingSecretaryName}"), ("Due", "{dueDate:date}")], [("form", "Fill in the handover list")]));
        Add(
            NoticeKind.HandoverListReview,
            new("请确认交接清单：{villageName}", "确认交接清单", ["{outgoingSecretaryName}已提交{villageName}的交接清单。请核对后确认接收，或列明缺少的内容。"], [("村（社区）", "{villageName}"), ("离任第一书记", "{outgoingSecretaryName}"), ("截止日期", "{dueDate:date}")], [("form", "核对交接清单")]),
            new("Please review the handover list: {villageName}", "Review the handover list", ["{outgoingSecretaryName} has submitted the handover list for {villageName}. Please check it and accept it, or name what is missing."], [("Village", "{villageName}"), ("Outgoing secretary", "{outgoingSecretaryName}"), ("Due", "{dueDate:date}")], [("form", "Review the list")]));
        Add(
            NoticeKind.HandoverCompleted,
            new("交接完成：{villageName}", "交接完成", ["{incomingSecretaryName}已确认接收{villageName}的交接清单，交接完成。感谢您在任期内的工作。"], [("村（社区）", "{villageName}"), ("新任第一书记", "{incomingSecretaryName}")], [("view", "查看交接记录")]),
            new("Handover complete: {villageName}", "Handover complete", ["{incomingSecretaryName} has accepted the handover list for {villageName}; the handover is complete. Thank you for your work during the term."], [("Village", "{villageName}"), ("Incoming secretary", "{incomingSecretaryName}")], [("view", "View the handover record")]));
        Add(
            NoticeKind.OrientationInvitation,
            new("到岗见面会邀请：{villageName} {meetingStart:datetime}", "到岗见面会邀请", ["{villageName}暂无离任第一书记，由{township}组织到岗见面会，介绍村情、政策和工作计划。日历邀请见附件，请确认时间或提出其他时间。"], [.. villageZh, ("时间", "{meetingStart:datetime}"), ("地点", "{meetingLocation}")], [("respond", "确认或改期")]),
            new("Orientation meeting: {villageName}, {meetingStart:datetime}", "Orientation meeting invitation", ["{villageName} has no outgoing secretary, so {township} holds an orientation meeting on the village, policies and the work plan. The calendar invitation is attached; please confirm or ask for another time."], [.. villageEn, ("When", "{meetingStart:datetime}"), ("Where", "{meetingLocation}")], [("respond", "Confirm or reschedule")]));
        Add(
            NoticeKind.MeetingCancellation,
            new("会议取消：{villageName} {meetingStart:datetime}", "会议取消", ["原定于{meetingStart:datetime}在{meetingLocation}举行的会议已取消，日历中的会议将同时取消。"], [("村（社区）", "{villageName}"), ("原定时间", "{meetingStart:datetime}"), ("地点", "{meetingLocation}")], []),
            new("Cancelled: meeting at {villageName}, {meetingStart:datetime}", "Meeting cancelled", ["The meeting planned for {meetingStart:datetime} at {meetingLocation} is cancelled; your calendar entry is cancelled too."], [("Village", "{villageName}"), ("Was planned for", "{meetingStart:datetime}"), ("Where", "{meetingLocation}")], []));
        Add(
            NoticeKind.CheckInRequest,
            new("月度报告：{villageName} {month:month}", "{month:month}月度报告", ["请填写{month:month}的驻村月度报告，约需两分钟。点击下方按钮在线填写；也可以直接回复本邮件，在每行冒号后填写数字或文字。"], [("村（社区）", "{villageName}"), ("月份", "{month:month}"), ("请于此日前填写", "{dueDate:date}")], [("form", "在线填写月度报告")]) { ReplyForm = true },
            new("Monthly check-in: {villageName}, {month:month}", "Check-in for {month:month}", ["Please fill in your monthly check-in for {month:month}; it takes about two minutes. Use the button below, or reply to this email and write your answer after the colon on each line."], [("Village", "{villageName}"), ("Month", "{month:month}"), ("Please answer by", "{dueDate:date}")], [("form", "Fill in the check-in")]) { ReplyForm = true });
        Add(
            NoticeKind.CheckInReminder,
            new("提醒：{villageName} {month:month}月度报告待填写", "月度报告待填写", ["{month:month}的月度报告尚未收到，请于{dueDate:date}前填写，或直接回复本邮件。"], [("村（社区）", "{villageName}"), ("月份", "{month:month}"), ("截止日期", "{dueDate:date}")], [("form", "在线填写月度报告")]) { ReplyForm = true },
            new("Reminder: check-in for {month:month} ({villageName})", "Check-in still open", ["We have not received your check-in for {month:month} yet. Please answer by {dueDate:date}, online or by replying to this email."], [("Village", "{villageName}"), ("Month", "{month:month}"), ("Due", "{dueDate:date}")], [("form", "Fill in the check-in")]) { ReplyForm = true });
        Add(
            NoticeKind.CheckInEscalation,
            new("督办：{secretaryName}（{villageName}）{month:month}月度报告已等待{daysWaiting:int}天", "月度报告超期", ["{villageName}第一书记{secretaryName}的{month:month}月度报告已等待{daysWaiting:int}天未提交，请了解情况。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("月份", "{month:month}"), ("已等待天数", "{daysWaiting:int}")], [("view", "查看驻村情况")]),
            new("Escalation: {secretaryName} ({villageName}) check-in for {month:month} waiting {daysWaiting:int} days", "Check-in overdue", ["The {month:month} check-in of {secretaryName}, first secretary of {villageName}, has waited {daysWaiting:int} days. Please find out why."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Month", "{month:month}"), ("Days waiting", "{daysWaiting:int}")], [("view", "View the assignment")]));
        Add(
            NoticeKind.MissedMonthNotice,
            new("未报告：{secretaryName}（{villageName}）{month:month}", "月度报告未提交", ["{villageName}第一书记{secretaryName}的{month:month}月度报告在月底前未提交，已记为未报告。之后提交的报告仍会记录，并标记为逾期。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("月份", "{month:month}")], [("view", "查看驻村情况")]),
            new("Missed: {secretaryName} ({villageName}) check-in for {month:month}", "Check-in missed", ["The {month:month} check-in of {secretaryName}, first secretary of {villageName}, did not arrive by the end of the month and is recorded as missed. An answer sent later is still recorded, marked late."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Month", "{month:month}")], [("view", "View the assignment")]));
        Add(
            NoticeKind.LowAttendanceNotice,
            new("驻村天数不足：{secretaryName}（{villageName}）{month:month}", "驻村天数不足", ["{villageName}第一书记{secretaryName}报告{month:month}驻村{daysInVillage:int}天，低于规定的{minimumDays:int}天，请核实。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("月份", "{month:month}"), ("驻村天数", "{daysInVillage:int}"), ("规定天数", "{minimumDays:int}")], [("view", "查看驻村情况")]),
            new("Below minimum days: {secretaryName} ({villageName}), {month:month}", "Days in village below minimum", ["{secretaryName}, first secretary of {villageName}, reported {daysInVillage:int} days in the village for {month:month}, below the minimum of {minimumDays:int}. Please check."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Month", "{month:month}"), ("Days in village", "{daysInVillage:int}"), ("Minimum", "{minimumDays:int}")], [("view", "View the assignment")]));
        Add(
            NoticeKind.CheckInUnreadable,
            new("回复未能识别：{villageName} {month:month}月度报告", "请在线填写月度报告", ["我们收到了您的邮件回复并已保存，但以下内容未能识别。请点击下方按钮在线填写，已识别的内容会预先填好。"], [("村（社区）", "{villageName}"), ("月份", "{month:month}"), ("未能识别", "{problems:lines}")], [("form", "在线填写月度报告")]),
            new("We could not read your reply: {villageName}, {month:month}", "Please use the check-in form", ["We received and saved your emailed reply, but could not read the items below. Please use the button to fill in the form."], [("Village", "{villageName}"), ("Month", "{month:month}"), ("Not read", "{problems:lines}")], [("form", "Fill in the check-in")]));
        Add(
            NoticeKind.CheckInReceived,
            new("已收到：{villageName} {month:month}月度报告", "月度报告已收到", ["您的{month:month}月度报告已收到并记录，谢谢。如需修改，可通过下方链接更新。"], [("村（社区）", "{villageName}"), ("月份", "{month:month}")], [("form", "查看或修改")]),
            new("Received: {villageName} check-in for {month:month}", "Check-in received", ["Your check-in for {month:month} has been received and recorded. Thank you. Use the link below to change it."], [("Village", "{villageName}"), ("Month", "{month:month}")], [("form", "View or change")]));
        Add(
            NoticeKind.ReviewRequestToSecretary,
            new("请提交述职报告：{reviewKind:reviewKind}", "{reviewKind:reviewKind}述职", ["{reviewKind:reviewKind}开始，请于{dueDate:date}前在线提交您在{villageName}的述职报告。"], [("村（社区）", "{villageName}"), ("考核类型", "{reviewKind:reviewKind}"), ("截止日期", "{dueDate:date}")], [("form", "填写述职报告")]),
            new("Please submit your self-report: {reviewKind:reviewKind}", "Self-report for the {reviewKind:reviewKind}", ["The {reviewKind:reviewKind} has started. Please submit your self-report on your work at {villageName} by {dueDate:date}."], [("Village", "{villageName}"), ("Review", "{reviewKind:reviewKind}"), ("Due", "{dueDate:date}")], [("form", "Write the self-report")]));
        Add(
            NoticeKind.ReviewRequestToReviewer,
            new("请评分：{secretaryName}（{villageName}）{reviewKind:reviewKind}", "考核评分", ["请以{reviewerRole:reviewerRole}身份，对{villageName}第一书记{secretaryName}的{reviewKind:reviewKind}进行评分，截止日期{dueDate:date}。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("考核类型", "{reviewKind:reviewKind}"), ("评分身份", "{reviewerRole:reviewerRole}"), ("截止日期", "{dueDate:date}")], [("form", "进行评分")]),
            new("Please score: {secretaryName} ({villageName}), {reviewKind:reviewKind}", "Review scores", ["As the {reviewerRole:reviewerRole}, please score {secretaryName}, first secretary of {villageName}, for the {reviewKind:reviewKind} by {dueDate:date}."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Review", "{reviewKind:reviewKind}"), ("Scoring as", "{reviewerRole:reviewerRole}"), ("Due", "{dueDate:date}")], [("form", "Enter scores")]));
        Add(
            NoticeKind.ReviewReminder,
            new("提醒：{secretaryName}（{villageName}）{reviewKind:reviewKind}待完成", "考核待完成", ["{villageName}第一书记{secretaryName}的{reviewKind:reviewKind}中，您的部分尚未完成，请于{dueDate:date}前提交。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("考核类型", "{reviewKind:reviewKind}"), ("截止日期", "{dueDate:date}")], [("form", "继续填写")]),
            new("Reminder: {reviewKind:reviewKind} of {secretaryName} ({villageName})", "Review still open", ["Your part of the {reviewKind:reviewKind} of {secretaryName}, first secretary of {villageName}, is still open. Please submit it by {dueDate:date}."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Review", "{reviewKind:reviewKind}"), ("Due", "{dueDate:date}")], [("form", "Continue")]));
        Add(
            NoticeKind.ReviewResult,
            new("考核结果：{secretaryName}（{villageName}）{reviewKind:reviewKind}", "考核结果", ["{villageName}第一书记{secretaryName}的{reviewKind:reviewKind}结果为：{grade:grade}（综合得分{score:number}）。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("考核类型", "{reviewKind:reviewKind}"), ("等次", "{grade:grade}"), ("综合得分", "{score:number}")], [("view", "查看考核详情")]),
            new("Review result: {secretaryName} ({villageName}), {reviewKind:reviewKind}", "Review result", ["The {reviewKind:reviewKind} of {secretaryName}, first secretary of {villageName}, is complete: {grade:grade} (weighted score {score:number})."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Review", "{reviewKind:reviewKind}"), ("Grade", "{grade:grade}"), ("Score", "{score:number}")], [("view", "View the review")]));
        Add(
            NoticeKind.TermDecisionRequest,
            new("任期届满待决定：{secretaryName}（{villageName}）", "任期届满", ["{villageName}第一书记{secretaryName}的任期将于{termEnd:date}届满，期满考核等次为{grade:grade}。请决定续任、轮换或结束。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("任期结束", "{termEnd:date}"), ("期满考核", "{grade:grade}")], [("decide", "作出决定")]),
            new("Term ending: decide for {secretaryName} ({villageName})", "Term ending", ["The term of {secretaryName}, first secretary of {villageName}, ends on {termEnd:date}; the end-of-term grade is {grade:grade}. Please decide: extend, rotate or end."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Term ends", "{termEnd:date}"), ("End-of-term grade", "{grade:grade}")], [("decide", "Decide")]));
        Add(
            NoticeKind.Recall,
            new("召回通知：{secretaryName}（{villageName}）", "召回通知", ["经研究，{secretaryName}同志自{effectiveDate:date}起不再担任{villageName}驻村第一书记，由{successorName}接任。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("生效日期", "{effectiveDate:date}"), ("原因", "{reason}"), ("接任人选", "{successorName}")], [("view", "查看详情")]),
            new("Recall: {secretaryName} ({villageName})", "Recall notice", ["{secretaryName} is recalled as first secretary of {villageName} from {effectiveDate:date}; {successorName} takes over."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Effective", "{effectiveDate:date}"), ("Reason", "{reason}"), ("Successor", "{successorName}")], [("view", "View details")]));
        Add(
            NoticeKind.Extension,
            new("续任通知：{secretaryName}（{villageName}）", "续任通知", ["经研究，{secretaryName}同志继续担任{villageName}驻村第一书记，新任期至{newTermEnd:date}。"], [("第一书记", "{secretaryName}"), ("村（社区）", "{villageName}"), ("原任期结束", "{termEnd:date}"), ("新任期结束", "{newTermEnd:date}")], [("view", "查看详情")]),
            new("Extension: {secretaryName} ({villageName})", "Term extended", ["{secretaryName} continues as first secretary of {villageName}; the new term ends on {newTermEnd:date}."], [("First secretary", "{secretaryName}"), ("Village", "{villageName}"), ("Previous term end", "{termEnd:date}"), ("New term end", "{newTermEnd:date}")], [("view", "View details")]));
        Add(
            NoticeKind.Rotation,
            new("轮换通知：{villageName}", "轮换通知", ["{villageName}驻村第一书记轮换：{secretaryName}同志任期届满，由{successorName}接任。交接安排将另行通知。"], [("离任第一书记", "{secretaryName}"), ("接任人选", "{successorName}"), ("村（社区）", "{villageName}"), ("任期结束", "{termEnd:date}")], [("view", "查看详情")]),
            new("Rotation: {villageName}", "Rotation notice", ["First secretary rotation at {villageName}: {secretaryName} completes the term and {successorName} takes over. The handover will be arranged separately."], [("Outgoing secretary", "{secretaryName}"), ("Successor", "{successorName}"), ("Village", "{villageName}"), ("Term ends", "{termEnd:date}")], [("view", "View details")]));
        Add(
            NoticeKind.DeliveryFailure,
            new("邮件未送达：{failedRecipient}", "邮件未送达", ["以下邮件未能送达（退信或被拒收），收件人没有收到。请核实邮箱地址并通过其他方式联系。"], [("收件人", "{failedRecipient}"), ("邮件主题", "{failedSubject}"), ("原因", "{reason}")], [("view", "查看任职详情")]),
            new("Not delivered: {failedRecipient}", "Email not delivered", ["The email below bounced or was dropped, so its recipient did not get it. Please check the address and reach them another way."], [("Recipient", "{failedRecipient}"), ("Subject", "{failedSubject}"), ("Reason", "{reason}")], [("view", "View the assignment")]));
        return t;
    }
}
