<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Application</name>
    <message>
      <location filename="../../ui/main.py" line="166" />
      <source>Starting the demo server ({n} customers)…</source>
      <translation>正在启动演示服务器（{n} 个客户）…</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="303" />
      <source>You are signed out.</source>
      <translation>您已退出登录。</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="315" />
      <source>The server signed this device out and removed its copy of your customers from this computer. Sign in to download them again.</source>
      <translation>服务器已将此设备退出登录，并删除了本机上的客户数据副本。请重新登录以再次下载。</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="322" />
      <source>Your session has expired. Please sign in again.</source>
      <translation>登录已过期，请重新登录。</translation>
    </message>
  </context>
  <context>
    <name>ApprovalQueue</name>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="52" />
      <source>Approvals</source>
      <translation>审批</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="53" />
      <source>Quotes above a rep's discount or total limit.</source>
      <translation>超出销售人员折扣或总额上限的报价单。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="61" />
      <source>Quote</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="61" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="61" />
      <source>Rep</source>
      <translation>销售</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="62" />
      <source>Max discount</source>
      <translation>最大折扣</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="62" />
      <source>Total</source>
      <translation>总计</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="63" />
      <source>Submitted</source>
      <translation>提交时间</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="69" />
      <source>Nothing to approve</source>
      <translation>没有待审批的报价单</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="70" />
      <source>Quotes your reps submit above their limits appear here after the next sync.</source>
      <translation>销售人员提交的超限报价单会在下次同步后显示在这里。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="73" />
      <source>Comment for the rep (required to reject)</source>
      <translation>给销售的审批意见（驳回时必填）</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="75" />
      <source>Approve</source>
      <translation>批准</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="78" />
      <source>Reject</source>
      <translation>驳回</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/approvals.py" line="122" />
      <source>{n} waiting</source>
      <translation>{n} 个待审批</translation>
    </message>
  </context>
  <context>
    <name>CameraDialog</name>
    <message>
      <location filename="../../ui/scan/camera.py" line="31" />
      <source>Photograph a card</source>
      <translation>拍摄名片</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="41" />
      <source>Hold the card flat, filling most of the picture.</source>
      <translation>请将名片放平，并让名片占满画面的大部分。</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="43" />
      <source>Capture</source>
      <translation>拍摄</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="47" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="66" />
      <source>The camera cannot be used: %1</source>
      <translation>无法使用摄像头：%1</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="67" />
      <source>unknown error</source>
      <translation>未知错误</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="74" />
      <source>The camera is not ready yet</source>
      <translation>摄像头尚未就绪</translation>
    </message>
    <message>
      <location filename="../../ui/scan/camera.py" line="78" />
      <source>Captured: the card is being read. Take another or close.</source>
      <translation>已拍摄，正在识别名片。可以继续拍摄或关闭。</translation>
    </message>
  </context>
  <context>
    <name>CardImageView</name>
    <message>
      <location filename="../../ui/scan/image_view.py" line="55" />
      <source>The image cannot be shown</source>
      <extracomment>One colour per field, so the rep sees which text became which field.</extracomment>
      <translation>无法显示图片</translation>
    </message>
  </context>
  <context>
    <name>ConflictsDialog</name>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="52" />
      <source>Sync conflicts</source>
      <translation>同步冲突</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="55" />
      <source>Someone else changed the same field while you were offline. FieldSales kept one value; choose which one is right. Your choice syncs to everyone.</source>
      <translation>您离线期间，其他人修改了同一字段。FieldSales 暂时保留了其中一个值；请选择正确的值，您的选择会同步给所有人。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="61" />
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="61" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="61" />
      <source>Mine</source>
      <translation>我的</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="61" />
      <source>Theirs</source>
      <translation>对方的</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="62" />
      <source>Changed by</source>
      <translation>修改人</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="75" />
      <source>No conflicts</source>
      <translation>没有冲突</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="76" />
      <source>Everything you changed offline merged cleanly.</source>
      <translation>您离线时的所有更改都已顺利合并。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="80" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="112" />
      <source>Keep mine</source>
      <translation>保留我的</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="114" />
      <source>Keep theirs</source>
      <translation>保留对方的</translation>
    </message>
  </context>
  <context>
    <name>Customer360View</name>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="126" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="138" />
      <source>Log follow-up</source>
      <translation>记录跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="141" />
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="143" />
      <source>New quote</source>
      <translation>新建报价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="145" />
      <source>Build a quote for this customer (Ctrl+Shift+Q)</source>
      <translation>为该客户创建报价单 (Ctrl+Shift+Q)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="147" />
      <source>Return to pool…</source>
      <translation>退回公海…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="149" />
      <source>Give this customer back to the shared pool (a reason is required)</source>
      <translation>将该客户退回公海（须填写原因）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="152" />
      <source>Protect…</source>
      <translation>保护…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="154" />
      <source>Keep this customer from being recycled to the pool until a date (within your team's limits)</source>
      <translation>在指定日期之前保护该客户不被回收到公海（在团队规定的限额内）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="171" />
      <source>Details</source>
      <translation>详细信息</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="175" />
      <source>Lifecycle stage</source>
      <translation>生命周期阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="176" />
      <source>Choosing a stage sets it by hand: the rules leave it alone until you go back to automatic</source>
      <translation>选择阶段即为手动设置：在恢复自动之前，规则不会再更改它</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="183" />
      <source>Back to automatic</source>
      <translation>恢复自动</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="185" />
      <source>Let the lifecycle rules set the stage again</source>
      <translation>重新由生命周期规则设置阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="188" />
      <source>Lifecycle</source>
      <translation>生命周期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="205" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="205" />
      <source>Title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="205" />
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="206" />
      <source>Email</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="209" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="209" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="210" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="210" />
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="214" />
      <source>Number</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="214" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="214" />
      <source>Total</source>
      <translation>总计</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="215" />
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="225" />
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="227" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="229" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="230" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="232" />
      <source>Scanned cards</source>
      <translation>扫描的名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="279" />
      <source>{p}% complete</source>
      <translation>完整度 {p}%</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="281" />
      <source>Missing: {fields}</source>
      <translation>缺少：{fields}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="293" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="293" />
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="294" />
      <source>Credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="294" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="295" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="296" />
      <source>Last follow-up</source>
      <translation>最近跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="297" />
      <source>Customer since</source>
      <translation>成为客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="297" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="320" />
      <source>Created in {stage}</source>
      <translation>创建于{stage}阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="327" />
      <source>open task</source>
      <translation>未完成任务</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="348" />
      <source>No scanned cards yet. Use Scan cards to add contacts from business cards.</source>
      <translation>还没有扫描的名片。使用“扫描名片”从名片添加联系人。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="364" />
      <source>Protected until {date}</source>
      <translation>保护至 {date}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="369" />
      <source>In the shared pool</source>
      <translation>在公海中</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="387" />
      <source>{reason}; deadline {when}</source>
      <translation>{reason}；截止时间：{when}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="429" />
      <source>Set by hand: the rules leave it alone</source>
      <translation>手动设置：规则不会更改</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="430" />
      <source>Set by the lifecycle rules</source>
      <translation>由生命周期规则设置</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="461" />
      <source>Lifecycle set by hand: {old} → {new}</source>
      <translation>手动设置生命周期：{old} → {new}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="463" />
      <source>Lifecycle back to automatic: {old} → {new}</source>
      <translation>生命周期恢复自动：{old} → {new}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="466" />
      <source>by {name}</source>
      <translation>操作人：{name}</translation>
    </message>
  </context>
  <context>
    <name>CustomerFormDialog</name>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="56" />
      <source>Edit customer</source>
      <translation>编辑客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="56" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="61" />
      <source>Registered name, e.g. 深圳市华宏科技有限公司</source>
      <translation>工商注册全称，例如 深圳市华宏科技有限公司</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="68" />
      <source>+86 755 1234 5678</source>
      <translation>+86 755 1234 5678</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="72" />
      <source>18-character unified social credit code</source>
      <translation>18 位统一社会信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="119" />
      <source>Save customer</source>
      <translation>保存客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="122" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="170" />
      <source>Tip: use the full registered name including its legal form (有限公司, Ltd., GmbH …).</source>
      <translation>提示：请使用包含公司类型的工商注册全称（有限公司、Ltd.、GmbH …）。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="236" />
      <source>This customer may already exist:</source>
      <translation>该客户可能已存在：</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="237" />
      <source>A customer with this credit code already exists:</source>
      <translation>已有客户使用此统一社会信用代码：</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="242" />
      <source>same credit code</source>
      <translation>信用代码相同</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="242" />
      <source>same name</source>
      <translation>名称相同</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="243" />
      <source>similar name ({score:.0f}%)</source>
      <translation>名称相似（{score:.0f}%）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="247" />
      <source>Open existing</source>
      <translation>打开已有客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="257" />
      <source>Create anyway</source>
      <translation>仍然创建</translation>
    </message>
  </context>
  <context>
    <name>CustomerTableModel</name>
    <message>
      <location filename="../../ui/models/customer_table.py" line="68" />
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="68" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="68" />
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="69" />
      <source>Region</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="69" />
      <source>Lifecycle</source>
      <translation>生命周期</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="69" />
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="70" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/models/customer_table.py" line="70" />
      <source>Last follow-up</source>
      <translation>最近跟进</translation>
    </message>
  </context>
  <context>
    <name>CustomersView</name>
    <message>
      <location filename="../../ui/widgets/customers.py" line="57" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="61" />
      <source>Import…</source>
      <translation>导入…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="62" />
      <source>Import customers or contacts from Excel or CSV</source>
      <translation>从 Excel 或 CSV 导入客户或联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="64" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="65" />
      <source>Export the customers shown (current filters)</source>
      <translation>导出当前显示的客户（按当前筛选条件）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="69" />
      <location filename="../../ui/widgets/customers.py" line="150" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="71" />
      <source>New customer (Ctrl+N)</source>
      <translation>新建客户 (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="77" />
      <source>Filter by name, phone, credit code…</source>
      <translation>按名称、电话、信用代码筛选…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="81" />
      <source>Filter customers</source>
      <translation>筛选客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="97" />
      <source>All levels</source>
      <translation>全部级别</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="98" />
      <source>All industries</source>
      <translation>全部行业</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="100" />
      <source>All regions</source>
      <translation>全部区域</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="101" />
      <source>All stages</source>
      <translation>全部阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="104" />
      <source>Everyone's</source>
      <translation>所有人的</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="105" />
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="146" />
      <source>Customer list</source>
      <translation>客户列表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="148" />
      <source>No customers match</source>
      <translation>没有符合条件的客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="149" />
      <source>Clear the search or the filters, or add a new customer.</source>
      <translation>清除搜索或筛选条件，或新建客户。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="211" />
      <source>{n} customers</source>
      <translation>{n} 个客户</translation>
    </message>
  </context>
  <context>
    <name>DuplicatesPage</name>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="495" />
      <source>Possible duplicates</source>
      <translation>可能重复的记录</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="496" />
      <source>These rows look like records you already have. Skip them, merge the sheet's values into the existing record, or create a new record anyway (not allowed for the same credit code, mobile or e-mail).</source>
      <translation>这些行与已有记录相似。您可以跳过、将表格中的值合并到已有记录，或仍然新建记录（信用代码、手机或邮箱相同时不允许新建）。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="504" />
      <source>Row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="504" />
      <source>In the file</source>
      <translation>文件中</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="504" />
      <source>Existing record</source>
      <translation>已有记录</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="505" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="505" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="507" />
      <source>For every duplicate:</source>
      <translation>所有重复项：</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="517" />
      <location filename="../../ui/exchange/import_wizard.py" line="518" />
      <source>Skip</source>
      <translation>跳过</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="517" />
      <source>Update the product</source>
      <translation>更新产品</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="518" />
      <source>Merge into existing</source>
      <translation>合并到已有记录</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="519" />
      <source>Create anyway</source>
      <translation>仍然创建</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="528" />
      <source>These SKUs are already in the catalog (as this laptop last synced it). Update each product with the sheet's values, or skip the row.</source>
      <translation>这些货号已在产品目录中（以本机上次同步的目录为准）。可以用表格中的值更新各产品，或跳过该行。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="537" />
      <source>same credit code</source>
      <translation>信用代码相同</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="537" />
      <source>same SKU</source>
      <translation>货号相同</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="538" />
      <source>same company name</source>
      <translation>公司名称相同</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="539" />
      <source>similar name</source>
      <translation>名称相似</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="539" />
      <source>same e-mail</source>
      <translation>邮箱相同</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="540" />
      <source>same mobile</source>
      <translation>手机相同</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="541" />
      <source>same name at this customer</source>
      <translation>同一客户下姓名相同</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="554" />
      <source>row {n} of this file</source>
      <translation>本文件第 {n} 行</translation>
    </message>
  </context>
  <context>
    <name>DuplicatesView</name>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="60" />
      <location filename="../../ui/widgets/duplicates.py" line="66" />
      <source>Find duplicates</source>
      <translation>查找重复</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="61" />
      <source>Records that look like one company or one person. Pick the values to keep and merge: contacts, opportunities, activities and quotes move to the record you keep.</source>
      <translation>看起来属于同一公司或同一人的记录。选择要保留的值并合并：联系人、商机、活动和报价单将移到保留的记录下。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="70" />
      <source>Merge…</source>
      <translation>合并…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="77" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="78" />
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="80" />
      <source>No search run yet</source>
      <translation>尚未查找</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="81" />
      <source>Press Find duplicates (F5) to check every customer and contact.</source>
      <translation>按“查找重复”(F5) 检查所有客户和联系人。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="93" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="93" />
      <source>Details</source>
      <translation>详细信息</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="93" />
      <source>Linked records</source>
      <translation>关联记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="94" />
      <source>Duplicate groups</source>
      <translation>重复组</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="104" />
      <source>Looking for duplicates…</source>
      <translation>正在查找重复…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="121" />
      <source>{c} customer groups, {p} contact groups</source>
      <translation>{c} 个客户重复组，{p} 个联系人重复组</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="126" />
      <source>Group {n} · {k} records</source>
      <translation>第 {n} 组 · {k} 条记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="176" />
      <source>Merged. Finding what is left…</source>
      <translation>已合并。正在查找剩余的重复…</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../ui/errors.py" line="43" />
      <source>This field is required.</source>
      <translation>此字段为必填项。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="44" />
      <source>This is too long (at most {max} characters).</source>
      <translation>内容太长（最多 {max} 个字符）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="47" />
      <source>Choose a value from the list.</source>
      <translation>请从列表中选择。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="48" />
      <source>This field cannot be changed here.</source>
      <translation>此字段不能在这里修改。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="49" />
      <source>Enter a number.</source>
      <translation>请输入数字。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="50" />
      <source>Enter zero or more.</source>
      <translation>请输入零或更大的数。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="51" />
      <source>Enter a value between {min} and {max}.</source>
      <translation>请输入 {min} 到 {max} 之间的值。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="54" />
      <source>This does not look like a phone number.</source>
      <translation>这看起来不像电话号码。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="55" />
      <source>This phone number is not valid. Check the digits and the country code.</source>
      <translation>电话号码无效，请检查号码和国家代码。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="58" />
      <source>Unknown country for this phone number.</source>
      <translation>无法识别此电话号码的国家。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="59" />
      <source>This email address is not valid.</source>
      <translation>邮箱地址无效。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="60" />
      <source>This web address is not valid.</source>
      <translation>网址无效。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="61" />
      <source>Web addresses must start with http:// or https://.</source>
      <translation>网址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="62" />
      <source>A unified social credit code has 18 characters.</source>
      <translation>统一社会信用代码为 18 位。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="63" />
      <source>The credit code's check digit is wrong: please check for a typing mistake.</source>
      <translation>信用代码校验位不正确，请检查是否输错。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="66" />
      <source>The credit code contains characters that are not allowed.</source>
      <translation>信用代码包含不允许的字符。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="69" />
      <source>Remove the invisible control characters from this text.</source>
      <translation>请删除文本中不可见的控制字符。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="73" />
      <source>A price cannot be negative.</source>
      <translation>价格不能为负数。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="74" />
      <source>Write tiers as quantity:price pairs separated by semicolons, e.g. 10:95;100:90.</source>
      <translation>阶梯价请写成“数量:价格”，多个之间用分号隔开，例如 10:95;100:90。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="78" />
      <source>Tier quantities must be above zero and ascending.</source>
      <translation>阶梯数量必须大于零且逐级递增。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="81" />
      <source>This field cannot be taken from another record.</source>
      <translation>此字段不能取自其他记录。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="82" />
      <source>The value was to come from a record that is not part of this merge.</source>
      <translation>该值所取自的记录不在本次合并之中。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="85" />
      <source>FieldSales does not know this column.</source>
      <translation>FieldSales 无法识别此列。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="94" />
      <source>Say why the opportunity was lost.</source>
      <translation>请说明输单原因。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="95" />
      <source>A task needs a due date.</source>
      <translation>任务需要截止日期。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="72" />
      <source>Choose a date in the future.</source>
      <translation>请选择将来的日期。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="96" />
      <source>This record no longer exists (it may have been deleted or moved to another rep).</source>
      <translation>此记录已不存在（可能已被删除或转给其他销售）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="100" />
      <source>This picture or file is no longer on this computer. Sync to get it again.</source>
      <translation>此图片或文件已不在这台电脑上。请同步以重新获取。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="103" />
      <source>A customer with this name or credit code already exists.</source>
      <translation>已有同名或同信用代码的客户。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="106" />
      <source>A contact with this phone number or email already exists.</source>
      <translation>已有联系人使用此电话或邮箱。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="109" />
      <source>A sent quote cannot change: make a revision instead.</source>
      <translation>已发出的报价单不能修改，请创建修订版。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="112" />
      <source>Add at least one product to the quote.</source>
      <translation>请至少为报价单添加一个产品。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="113" />
      <source>Only a manager can do this.</source>
      <translation>只有经理可以执行此操作。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="114" />
      <source>Unknown currency {currency}: use a code such as CNY or USD.</source>
      <translation>未知币种 {currency}：请使用 CNY、USD 等币种代码。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="117" />
      <source>Each price tier needs a minimum quantity of 1 or more.</source>
      <translation>每个价格阶梯的起订数量必须不小于 1。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="120" />
      <source>Tier quantities must increase and tier prices must not rise.</source>
      <translation>阶梯数量必须逐级递增，阶梯价格不能上升。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="123" />
      <source>Choose at least one other record to merge.</source>
      <translation>请至少再选择一条要合并的记录。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="124" />
      <source>The period is empty: choose an end date after the start date.</source>
      <translation>期间为空：请选择晚于开始日期的结束日期。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="127" />
      <source>The period's dates have no time zone; choose the period again.</source>
      <translation>期间的日期缺少时区，请重新选择期间。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="130" />
      <source>This SKU is on an earlier row of the file.</source>
      <translation>此 SKU 已在文件前面的行中出现。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="131" />
      <source>No customer has this name: import or create the customer first.</source>
      <translation>没有此名称的客户：请先导入或新建该客户。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="134" />
      <source>Several customers have this name: use the full registered name.</source>
      <translation>有多个客户使用此名称：请使用工商注册全称。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="145" />
      <source>Sign in to use the shared pool.</source>
      <translation>请先登录再使用公海。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="146" />
      <source>This customer is no longer in the pool.</source>
      <translation>该客户已不在公海中。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="147" />
      <source>You have reached today's limit of customers claimed from the pool.</source>
      <translation>您今天从公海领取的客户数已达上限。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="150" />
      <source>You already hold the most customers allowed.</source>
      <translation>您持有的客户数已达上限。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="151" />
      <source>You returned this customer recently: wait for the cool-down to end.</source>
      <translation>您刚退回过该客户，请等待冷却期结束。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="154" />
      <source>Another rep claimed this customer first.</source>
      <translation>该客户已被其他销售抢先领取。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="155" />
      <source>Choose a reason for returning the customer.</source>
      <translation>请选择退回客户的原因。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="156" />
      <source>Only the customer's owner can return or protect it.</source>
      <translation>只有客户负责人才能退回或保护该客户。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="159" />
      <source>You already protect the most customers allowed.</source>
      <translation>您保护的客户数已达上限。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="160" />
      <source>Choose a protection end date in the future, within the allowed period.</source>
      <translation>请选择一个将来的保护截止日期，且不超过允许的保护期。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="172" />
      <source>The file no longer exists. Choose it again.</source>
      <translation>文件已不存在，请重新选择。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="173" />
      <source>The file is empty.</source>
      <translation>文件是空的。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="174" />
      <source>The file is too large (at most {mb} MB). Split it into smaller files.</source>
      <translation>文件太大（最多 {mb} MB），请拆分成多个较小的文件。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="177" />
      <source>Use an Excel workbook (.xlsx) or a CSV file (.csv). Save .xls files as .xlsx first.</source>
      <translation>请使用 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。.xls 文件请先另存为 .xlsx。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="181" />
      <source>The sheet has no heading row: put the column names in the first row.</source>
      <translation>工作表没有标题行：请把列名放在第一行。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="184" />
      <source>The sheet has too many columns (at most {n}).</source>
      <translation>工作表的列数太多（最多 {n} 列）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="187" />
      <source>The file has too many rows (at most {n}). Split it into smaller files.</source>
      <translation>文件的行数太多（最多 {n} 行），请拆分成多个较小的文件。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="190" />
      <source>The file is damaged or is not really a spreadsheet. Open it in Excel and save it again.</source>
      <translation>文件已损坏，或并不是电子表格。请用 Excel 打开后重新保存。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="194" />
      <source>The CSV file's text encoding is unknown: save it as UTF-8 or GB18030 (GBK).</source>
      <translation>无法识别 CSV 文件的文本编码：请另存为 UTF-8 或 GB18030（GBK）编码。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="198" />
      <source>Choose a column for every required field: {fields}.</source>
      <translation>请为每个必填字段选择一列：{fields}。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="201" />
      <source>Products belong to the server's catalog: they are uploaded, not imported into this laptop.</source>
      <translation>产品属于服务器上的产品目录：只能上传到服务器，不能导入到这台电脑。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="205" />
      <source>The import was cancelled; nothing was changed.</source>
      <translation>导入已取消，未做任何更改。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="206" />
      <source>The export was cancelled.</source>
      <translation>导出已取消。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="215" />
      <source>The disk is full. Free some space, then try again.</source>
      <translation>磁盘已满。请释放空间后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="216" />
      <source>The local database is busy. Try again in a moment.</source>
      <translation>本地数据库正忙，请稍后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="219" />
      <source>The local database is damaged. FieldSales can move it aside and download your data again from the server.</source>
      <translation>本地数据库已损坏。FieldSales 可以将其移到一边，并从服务器重新下载您的数据。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="224" />
      <source>The local database is read-only. Check the folder's permissions.</source>
      <translation>本地数据库为只读，请检查文件夹权限。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="227" />
      <source>Could not save to the local database. Try again.</source>
      <translation>无法保存到本地数据库，请重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="228" />
      <source>This file belongs to another program, not to FieldSales.</source>
      <translation>此文件属于其他程序，不是 FieldSales 的数据。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="231" />
      <source>Your data was saved by a newer version of FieldSales. Please update the app.</source>
      <translation>您的数据由更新版本的 FieldSales 保存。请更新应用。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="235" />
      <source>FieldSales could not upgrade your local data to this version. Your data was restored as it was; please tell support.</source>
      <translation>FieldSales 无法将本地数据升级到此版本。您的数据已恢复原样，请联系技术支持。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="239" />
      <source>The data on this computer cannot be opened with this key. Sign in again to download your data afresh.</source>
      <translation>无法用此密钥打开这台电脑上的数据。请重新登录，以重新下载您的数据。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="243" />
      <source>Wrong password: it does not unlock the data on this computer. Nothing was changed. Try again, or sign in instead.</source>
      <translation>密码错误：无法解锁这台电脑上的数据。未做任何更改。请重试，或改为登录。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="247" />
      <source>This computer has no keyring: enter your password to open your data.</source>
      <translation>这台电脑没有系统密钥环：请输入密码以打开您的数据。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="250" />
      <source>The system keyring did not give FieldSales the key to your data. Unlock the keyring (or log in to the desktop again), then restart FieldSales.</source>
      <translation>系统密钥环未能向 FieldSales 提供数据密钥。请解锁密钥环（或重新登录桌面），然后重新启动 FieldSales。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="254" />
      <source>Encryption (SQLCipher) is not available on this computer, so your encrypted data cannot be opened. Reinstall FieldSales.</source>
      <translation>这台电脑上没有可用的加密组件（SQLCipher），因此无法打开加密的数据。请重新安装 FieldSales。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="258" />
      <source>FieldSales could not encrypt your data on this computer. Your data was left as it was; please tell support.</source>
      <translation>FieldSales 无法加密这台电脑上的数据。您的数据保持原样，请联系技术支持。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="270" />
      <source>The sync did not finish. Your changes stay on this laptop; FieldSales will try again.</source>
      <translation>同步未完成。您的更改仍保存在这台电脑上，FieldSales 会再次尝试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="274" />
      <source>Cannot reach the server. Check your network connection; your changes wait on this laptop.</source>
      <translation>无法连接服务器。请检查网络连接；您的更改会保存在这台电脑上等待同步。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="278" />
      <source>The server had a problem. Try again in a few minutes; if it keeps failing, tell your administrator.</source>
      <translation>服务器出现问题。请几分钟后重试；如果仍然失败，请联系管理员。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="282" />
      <source>Your session has ended: please sign in again.</source>
      <translation>您的登录已失效，请重新登录。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="283" />
      <source>This account is locked for a while after too many wrong passwords. Try again later or ask your administrator.</source>
      <translation>密码错误次数过多，此账号已被暂时锁定。请稍后重试或联系管理员。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="287" />
      <source>Too many failed sign-ins from this computer. Wait a few minutes, then try again.</source>
      <translation>这台电脑登录失败次数过多。请等待几分钟后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="291" />
      <source>This version of FieldSales is too old for the server. Please update the app.</source>
      <translation>此版本的 FieldSales 过旧，服务器不再支持。请更新应用。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="295" />
      <source>The server signed this device out and removed its copy of your customers. Sign in to download them again.</source>
      <translation>服务器已将此设备退出登录，并删除了其中的客户数据。请登录以重新下载。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="299" />
      <source>The sync was cancelled; nothing was lost.</source>
      <translation>同步已取消，没有丢失任何数据。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="300" />
      <source>The server refused the upload.</source>
      <translation>服务器拒绝了此次上传。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="301" />
      <source>Only managers and admins may change the catalog.</source>
      <translation>只有经理和管理员可以修改产品目录。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="302" />
      <source>The file is too large for one upload: split it.</source>
      <translation>文件太大，无法一次上传：请拆分后再上传。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="303" />
      <source>The server found rows that break the data standards: fix them and try again.</source>
      <translation>服务器发现有些行不符合数据标准：请修改后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="315" />
      <source>This file is not a picture FieldSales can read.</source>
      <translation>此文件不是 FieldSales 能读取的图片。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="316" />
      <source>The picture file is empty.</source>
      <translation>图片文件是空的。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="317" />
      <source>The picture is too large to scan.</source>
      <translation>图片太大，无法扫描。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="318" />
      <source>The picture cannot be read: it is missing or damaged.</source>
      <translation>无法读取图片：图片不存在或已损坏。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="321" />
      <source>Card reading is not installed on this computer (Tesseract is missing).</source>
      <translation>这台电脑未安装名片识别组件（缺少 Tesseract）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="344" />
      <source>{field}: {text}</source>
      <translation>{field}：{text}</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="356" />
      <source>This card could not be read.</source>
      <translation>无法识别这张名片。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="358" />
      <source>A file could not be read or written. Check that it exists and that you may open it, then try again.</source>
      <translation>无法读取或写入文件。请检查文件是否存在以及您是否有权限打开，然后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="361" />
      <source>Something unexpected went wrong. Your data is safe; the last action may not have been saved.</source>
      <translation>发生了意外错误。您的数据是安全的，但上一步操作可能未保存。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="378" />
      <source>Something went wrong ({code}).</source>
      <translation>出错了（{code}）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="408" />
      <source>FieldSales</source>
      <translation>FieldSales 销售助手</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="434" />
      <source>FieldSales: unexpected error</source>
      <translation>FieldSales：意外错误</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="435" />
      <source>Something unexpected went wrong. Your data is safe; the last action may not have been saved. Please send the details to support.</source>
      <translation>发生了意外错误。您的数据是安全的，但上一步操作可能未保存。请将详细信息发送给技术支持。</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="50" />
      <location filename="../../ui/exchange/export_dialog.py" line="76" />
      <location filename="../../ui/exchange/export_dialog.py" line="82" />
      <location filename="../../ui/exchange/export_dialog.py" line="95" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="52" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="52" />
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="53" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="54" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="58" />
      <source>Excel workbook (.xlsx)</source>
      <translation>Excel 工作簿 (.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="59" />
      <source>CSV, UTF-8 (.csv)</source>
      <translation>CSV，UTF-8 (.csv)</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="60" />
      <source>CSV, GB18030 for older Excel (.csv)</source>
      <translation>CSV，GB18030，适用于旧版 Excel (.csv)</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="61" />
      <source>Only the {n} customers in the current list</source>
      <translation>仅导出当前列表中的 {n} 个客户</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="66" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="83" />
      <source>Format</source>
      <translation>格式</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="85" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="110" />
      <source>Choose a file to write.</source>
      <translation>请选择要写入的文件。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/export_dialog.py" line="134" />
      <source>{n} rows written to {file}</source>
      <translation>已将 {n} 行写入 {file}</translation>
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="167" />
      <source>Choose a file</source>
      <translation>选择文件</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="168" />
      <source>.xlsx, or .csv saved as UTF-8 or GB18030 (GBK). The first row holds the column headings.</source>
      <translation>.xlsx 文件，或以 UTF-8 或 GB18030 (GBK) 编码保存的 .csv 文件。第一行为列标题。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="171" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="172" />
      <source>Contacts (of existing customers)</source>
      <translation>联系人（属于已有客户）</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="174" />
      <source>Products (the server's catalog)</source>
      <translation>产品（服务器上的产品目录）</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="177" />
      <source>Products go to the server's catalog, for the whole team: the last step sends them to the server, so it needs a connection. Existing SKUs can be updated or skipped.</source>
      <translation>产品将导入服务器上的产品目录，供整个团队使用：最后一步会发送到服务器，因此需要联网。已有的货号可以更新或跳过。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="184" />
      <source>File to import</source>
      <translation>要导入的文件</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="186" />
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="194" />
      <source>What the file holds</source>
      <translation>文件内容</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="206" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="207" />
      <source>Sheets (*.xlsx *.csv)</source>
      <translation>表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="215" />
      <source>Reading…</source>
      <translation>正在读取…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="222" />
      <source>{rows} rows, {columns} columns{encoding}</source>
      <translation>{rows} 行，{columns} 列{encoding}</translation>
    </message>
  </context>
  <context>
    <name>FollowUpDialog</name>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="51" />
      <location filename="../../ui/dialogs/follow_up.py" line="72" />
      <source>Log follow-up</source>
      <translation>记录跟进</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="58" />
      <source>Follow-up call</source>
      <translation>电话回访</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="60" />
      <source>What was agreed? Next steps?</source>
      <translation>达成了什么？下一步？</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="62" />
      <source>Schedule the next follow-up</source>
      <translation>安排下次跟进</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="68" />
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="69" />
      <source>Subject</source>
      <translation>主题</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="70" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/follow_up.py" line="75" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>Formatter</name>
    <message>
      <location filename="../../ui/format.py" line="60" />
      <source>never</source>
      <translation>从未</translation>
    </message>
  </context>
  <context>
    <name>ImportPage</name>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="589" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="590" />
      <source>The whole file is saved in one step: if anything fails or you cancel, nothing is saved.</source>
      <translation>整个文件一次性保存：如有任何失败或您取消导入，则不会保存任何内容。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="597" />
      <source>Cancel import</source>
      <translation>取消导入</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="599" />
      <source>Try again</source>
      <translation>重试</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="619" />
      <source>The products are sent to the server in one step and reach every laptop at its next sync. If the server refuses any row, nothing is changed.</source>
      <translation>产品会一次性发送到服务器，并在每台电脑下次同步时送达。如果服务器拒绝任何一行，则不会做任何更改。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="649" />
      <source>Sending {n} products to the server…</source>
      <translation>正在将 {n} 个产品发送到服务器…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="660" />
      <location filename="../../ui/exchange/import_wizard.py" line="708" />
      <source>Done.</source>
      <translation>完成。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="662" />
      <source>The server's catalog now has {created} new and {updated} updated products ({skipped} skipped). They reach every laptop at its next sync.</source>
      <translation>服务器产品目录已新增 {created} 个产品、更新 {updated} 个产品（跳过 {skipped} 个）。各电脑将在下次同步时收到。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="680" />
      <source>Not connected to the server. Products go to the server's catalog, so this step needs a connection. Your column choices are kept: try again when you are online.</source>
      <translation>未连接到服务器。产品要导入服务器上的产品目录，因此这一步需要联网。您的列匹配选择已保留，联网后请重试。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="687" />
      <source>only managers and admins may change the catalog.</source>
      <translation>只有经理和管理员可以修改产品目录。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="689" />
      <source>the file is too large for one upload: split it.</source>
      <translation>文件太大，无法一次上传，请拆分后再试。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="691" />
      <source>the server found {n} problems, e.g. row {row}: {problem}</source>
      <translation>服务器发现 {n} 个问题，例如第 {row} 行：{problem}</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="700" />
      <source>Nothing was sent: {reason}</source>
      <translation>未发送任何内容：{reason}</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="710" />
      <source>Imported: {created} new, {merged} merged, {skipped} skipped.</source>
      <translation>已导入：新建 {created} 条，合并 {merged} 条，跳过 {skipped} 条。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="721" />
      <source>Nothing was imported: {reason}</source>
      <translation>未导入任何内容：{reason}</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="114" />
      <source>Import from Excel or CSV</source>
      <translation>从 Excel 或 CSV 导入</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="142" />
      <source>Checking rows…</source>
      <translation>正在检查数据行…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="143" />
      <source>Looking for duplicates…</source>
      <translation>正在查找重复…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="143" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="144" />
      <source>Sending to the server…</source>
      <translation>正在发送到服务器…</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../ui/labels.py" line="27" />
      <source>Strategic</source>
      <translation>战略</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="28" />
      <source>Key</source>
      <translation>重点</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="29" />
      <source>Normal</source>
      <translation>普通</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="36" />
      <source>Prospect</source>
      <translation>潜在客户</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="37" />
      <source>Interested</source>
      <translation>有意向</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="38" />
      <location filename="../../ui/labels.py" line="175" />
      <location filename="../../ui/labels.py" line="242" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="39" />
      <source>Loyal</source>
      <translation>忠诚客户</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="40" />
      <source>Dormant</source>
      <translation>沉睡</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="47" />
      <source>Manufacturing</source>
      <translation>制造业</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="48" />
      <source>Electronics</source>
      <translation>电子</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="49" />
      <source>Software</source>
      <translation>软件</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="50" />
      <source>Retail</source>
      <translation>零售</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="51" />
      <source>Logistics</source>
      <translation>物流</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="52" />
      <source>Healthcare</source>
      <translation>医疗</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="53" />
      <source>Finance</source>
      <translation>金融</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="54" />
      <source>Education</source>
      <translation>教育</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="55" />
      <source>Energy</source>
      <translation>能源</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="56" />
      <source>Construction</source>
      <translation>建筑</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="57" />
      <source>Automotive</source>
      <translation>汽车</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="58" />
      <source>Food</source>
      <translation>食品</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="59" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="66" />
      <source>North China</source>
      <translation>华北</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="67" />
      <source>East China</source>
      <translation>华东</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="68" />
      <source>South China</source>
      <translation>华南</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="69" />
      <source>Central China</source>
      <translation>华中</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="70" />
      <source>Southwest China</source>
      <translation>西南</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="71" />
      <source>Northwest China</source>
      <translation>西北</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="72" />
      <source>Northeast China</source>
      <translation>东北</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="73" />
      <source>North America</source>
      <translation>北美</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="74" />
      <source>Europe</source>
      <translation>欧洲</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="75" />
      <source>Asia Pacific</source>
      <translation>亚太</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="76" />
      <source>Other region</source>
      <translation>其他区域</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="83" />
      <source>Trade show</source>
      <translation>展会</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="84" />
      <source>Referral</source>
      <translation>转介绍</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="85" />
      <location filename="../../ui/labels.py" line="158" />
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="86" />
      <source>Cold call</source>
      <translation>陌生拜访</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="87" />
      <source>Card scan</source>
      <translation>名片扫描</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="88" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="89" />
      <source>Entered by hand</source>
      <translation>手工录入</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="96" />
      <source>Prospecting</source>
      <translation>初步接触</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="97" />
      <source>Qualified</source>
      <translation>已确认需求</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="98" />
      <source>Proposal</source>
      <translation>方案</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="99" />
      <source>Negotiation</source>
      <translation>谈判</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="100" />
      <source>Won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="101" />
      <source>Lost</source>
      <translation>输单</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="108" />
      <source>Price too high</source>
      <translation>价格太高</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="109" />
      <source>Went with a competitor</source>
      <translation>选择了竞争对手</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="110" />
      <source>No budget</source>
      <translation>没有预算</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="111" />
      <source>No decision made</source>
      <translation>未做决定</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="112" />
      <source>Bad timing</source>
      <translation>时机不对</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="113" />
      <source>Product not a fit</source>
      <translation>产品不匹配</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="114" />
      <source>Other reason</source>
      <translation>其他原因</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="121" />
      <source>Call</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="122" />
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="123" />
      <source>Meeting</source>
      <translation>会议</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="124" />
      <location filename="../../ui/labels.py" line="172" />
      <source>Email</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="125" />
      <source>WeChat</source>
      <translation>微信</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="126" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="127" />
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="134" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="135" />
      <source>Waiting for approval</source>
      <translation>待审批</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="136" />
      <source>Approved</source>
      <translation>已批准</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="137" />
      <source>Sent</source>
      <translation>已发送</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="138" />
      <source>Accepted</source>
      <translation>已接受</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="139" />
      <source>Rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="140" />
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="150" />
      <source>Company name</source>
      <translation>公司名称</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="151" />
      <source>Short name</source>
      <translation>简称</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="152" />
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="153" />
      <source>Region</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="154" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="155" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="156" />
      <source>Lifecycle stage</source>
      <translation>生命周期阶段</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="157" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="159" />
      <source>Credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="160" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="161" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="162" />
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="164" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="165" />
      <source>Title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="166" />
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="167" />
      <source>Department</source>
      <translation>部门</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="168" />
      <source>Phone numbers</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="169" />
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="170" />
      <source>Office phone</source>
      <translation>办公电话</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="171" />
      <source>Email addresses</source>
      <translation>邮箱地址</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="173" />
      <source>WeChat ID</source>
      <translation>微信号</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="174" />
      <source>Card picture</source>
      <translation>名片图片</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="177" />
      <source>Record to merge into</source>
      <translation>合并到的记录</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="179" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="180" />
      <source>Currency</source>
      <translation>币种</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="181" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="182" />
      <source>Probability</source>
      <translation>赢单概率</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="183" />
      <source>Reason lost</source>
      <translation>输单原因</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="186" />
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="187" />
      <source>Subject</source>
      <translation>主题</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="188" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="184" />
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="176" />
      <location filename="../../ui/labels.py" line="243" />
      <source>Contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="185" />
      <location filename="../../ui/labels.py" line="244" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="189" />
      <source>Due</source>
      <translation>截止时间</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="190" />
      <source>Done</source>
      <translation>完成时间</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="192" />
      <source>Follow-up rule</source>
      <translation>跟进规则</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="194" />
      <source>Quote lines</source>
      <translation>报价明细</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="195" />
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="196" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="197" />
      <source>Discount</source>
      <translation>折扣</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="198" />
      <source>Discount type</source>
      <translation>折扣方式</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="199" />
      <location filename="../../ui/labels.py" line="212" />
      <source>Tax rate</source>
      <translation>税率</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="200" />
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="201" />
      <source>Comment</source>
      <translation>意见</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="202" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="203" />
      <source>Revision</source>
      <translation>修订版本</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="204" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="205" />
      <source>Totals</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="206" />
      <source>Units</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="207" />
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="208" />
      <source>Chinese name</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="209" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="210" />
      <source>Unit</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="211" />
      <source>List price</source>
      <translation>标准价</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="213" />
      <source>Tier mode</source>
      <translation>阶梯方式</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="214" />
      <source>Price tiers</source>
      <translation>阶梯价</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="215" />
      <source>Active</source>
      <translation>启用</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="216" />
      <source>Description</source>
      <translation>描述</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="218" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="219" />
      <source>Protected until</source>
      <translation>保护至</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="220" />
      <source>Records to merge</source>
      <translation>要合并的记录</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="221" />
      <source>Period</source>
      <translation>期间</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="222" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="223" />
      <source>Record type</source>
      <translation>记录类型</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="224" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="225" />
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="232" />
      <source>, </source>
      <comment>separator between the items of a list</comment>
      <translation>、</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="245" />
      <source>Activity</source>
      <translation>活动</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="191" />
      <location filename="../../ui/labels.py" line="246" />
      <source>Quote</source>
      <translation>报价单</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../ui/dialogs/login.py" line="47" />
      <source>Sign in to FieldSales</source>
      <translation>登录 FieldSales</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="50" />
      <location filename="../../ui/dialogs/login.py" line="80" />
      <location filename="../../ui/dialogs/login.py" line="118" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="52" />
      <source>Your customers are kept on this laptop and synced with your company's FieldSales server. Ask your manager for the address.</source>
      <translation>您的客户数据保存在这台电脑上，并与公司的 FieldSales 服务器同步。服务器地址请向您的经理索取。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="64" />
      <source>Server address</source>
      <translation>服务器地址</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="66" />
      <location filename="../../ui/dialogs/login.py" line="72" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="69" />
      <location filename="../../ui/dialogs/login.py" line="73" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="71" />
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="78" />
      <source>Sign-in error</source>
      <translation>登录错误</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="84" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="118" />
      <source>Signing in…</source>
      <translation>正在登录…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="145" />
      <source>Wrong user name or password. Check them and try again.</source>
      <translation>用户名或密码错误，请检查后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="146" />
      <source>Cannot reach the server at {url}. Check the address and your network connection, then try again.</source>
      <translation>无法连接服务器 {url}。请检查地址和网络连接后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="148" />
      <source>The server had a problem. Try again in a few minutes; if it keeps failing, tell your administrator.</source>
      <translation>服务器出现问题。请几分钟后重试；如果仍然失败，请联系管理员。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="150" />
      <source>This version of FieldSales is too old for the server. Please update the app.</source>
      <translation>此版本的 FieldSales 过旧，服务器不再支持。请更新应用。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="152" />
      <source>Enter the server address, e.g. https://crm.example.com.</source>
      <translation>请输入服务器地址，例如 https://crm.example.com。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="153" />
      <source>Enter your user name.</source>
      <translation>请输入用户名。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="154" />
      <source>Enter your password.</source>
      <translation>请输入密码。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="159" />
      <source>Could not sign in: {reason}</source>
      <translation>无法登录：{reason}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/login.py" line="161" />
      <source>Could not sign in because of an unexpected problem. Try again; if it keeps failing, send the details (hover this message) to support.</source>
      <translation>由于意外问题无法登录。请重试；如果仍然失败，请将详细信息（鼠标悬停在此消息上可见）发送给技术支持。</translation>
    </message>
  </context>
  <context>
    <name>LostReasonDialog</name>
    <message>
      <location filename="../../ui/dialogs/lost_reason.py" line="23" />
      <location filename="../../ui/dialogs/lost_reason.py" line="29" />
      <source>Mark as lost</source>
      <translation>标记为输单</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/lost_reason.py" line="24" />
      <source>Why was “{name}” lost?</source>
      <translation>“{name}”为什么输单？</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/lost_reason.py" line="32" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/widgets/shell.py" line="89" />
      <source>FieldSales</source>
      <translation>FieldSales 销售助手</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="122" />
      <source>Navigation</source>
      <translation>导航</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="123" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="123" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="124" />
      <source>Pool</source>
      <translation>公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="125" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="125" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="126" />
      <source>Products</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="126" />
      <source>Scan cards</source>
      <translation>扫描名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="127" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="127" />
      <source>Duplicates</source>
      <translation>查重</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="141" />
      <source>Account menu</source>
      <translation>账户菜单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="150" />
      <source>Sync conflicts…</source>
      <translation>同步冲突…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="151" />
      <location filename="../../ui/widgets/shell.py" line="527" />
      <source>About FieldSales</source>
      <translation>关于 FieldSales</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="154" />
      <source>Sign out</source>
      <translation>退出登录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="170" />
      <source>Search customers, contacts, quotes…   Ctrl+K</source>
      <translation>搜索客户、联系人、报价单…   Ctrl+K</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="173" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="179" />
      <source>Switch language</source>
      <translation>切换语言</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="217" />
      <source>Token not in a keyring</source>
      <translation>登录令牌未存入系统钥匙串</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="487" />
      <source>Syncing… sent {done} of {total} changes</source>
      <translation>正在同步… 已发送 {done}/{total} 项更改</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="490" />
      <source>Syncing… received {done} records</source>
      <translation>正在同步… 已接收 {done} 条记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="512" />
      <source>Sync cancelled; nothing was lost. {last}</source>
      <translation>同步已取消，数据未丢失。{last}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="514" />
      <source>Cannot reach the server; your changes wait on this laptop.</source>
      <translation>无法连接服务器；您的更改暂存在本机。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="515" />
      <source>The server had a problem; FieldSales will try again.</source>
      <translation>服务器出现问题；FieldSales 将自动重试。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="516" />
      <source>Please update FieldSales to keep syncing.</source>
      <translation>请更新 FieldSales 以继续同步。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="517" />
      <source>This device was signed out by the server.</source>
      <translation>服务器已将此设备退出登录。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="518" />
      <source>Your session has expired; please sign in again.</source>
      <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="529" />
      <source>&lt;b&gt;FieldSales&lt;/b&gt; {version}</source>
      <translation>&lt;b&gt;FieldSales&lt;/b&gt; {version}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="530" />
      <source>Your data on this laptop is encrypted (SQLCipher).</source>
      <translation>本机上的数据已加密（SQLCipher）。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="532" />
      <source>Warning: your data on this laptop is NOT encrypted (SQLCipher is not available on this computer).</source>
      <translation>警告：本机上的数据未加密（这台电脑上无法使用 SQLCipher）。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="535" />
      <source>An offline-first CRM for field sales. Your data is kept on this laptop and synced with your company's server.
Signed in as {user}.</source>
      <translation>面向外勤销售、离线优先的 CRM。您的数据保存在这台电脑上，并与公司服务器同步。
当前登录用户：{user}。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="148" />
      <location filename="../../ui/widgets/shell.py" line="235" />
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="481" />
      <source>Syncing…</source>
      <translation>正在同步…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="463" />
      <source>Online</source>
      <translation>在线</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="211" />
      <source>Connection</source>
      <translation>连接</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="213" />
      <source>Changes waiting to sync</source>
      <translation>待同步的更改</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="215" />
      <source>Last sync</source>
      <translation>上次同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="227" />
      <source>Open the sync conflicts (Ctrl+Shift+C)</source>
      <translation>打开同步冲突 (Ctrl+Shift+C)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="230" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="232" />
      <source>Stop this sync (Ctrl+.)</source>
      <translation>停止本次同步 (Ctrl+.)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="237" />
      <source>Sync with the server now (Ctrl+Shift+S)</source>
      <translation>立即与服务器同步 (Ctrl+Shift+S)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="463" />
      <source>Offline — working on this laptop</source>
      <translation>离线 — 正在本机工作</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="468" />
      <source>{n} changes waiting to sync</source>
      <translation>{n} 项更改待同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="469" />
      <source>All changes synced</source>
      <translation>所有更改已同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="471" />
      <source>{n} conflicts</source>
      <translation>{n} 个冲突</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="477" />
      <source>Never synced</source>
      <translation>从未同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="478" />
      <source>Last sync {when}</source>
      <translation>上次同步：{when}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="520" />
      <source>Sync failed: {reason}</source>
      <translation>同步失败：{reason}</translation>
    </message>
  </context>
  <context>
    <name>MappingPage</name>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="240" />
      <source>Match the columns</source>
      <translation>匹配列</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="241" />
      <source>Pick the field each column fills. Fields marked * are required. Your choice is remembered for files with the same headings.</source>
      <translation>为每一列选择对应的字段。标有 * 的字段为必填项。对于列标题相同的文件，系统会记住您的选择。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="244" />
      <source>Column</source>
      <translation>列</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="244" />
      <source>First values</source>
      <translation>前几个值</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="244" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="274" />
      <source>(ignore)</source>
      <translation>（忽略）</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="295" />
      <source>Still needed: {fields}</source>
      <translation>尚缺：{fields}</translation>
    </message>
  </context>
  <context>
    <name>MergeDialog</name>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="195" />
      <source>Merge duplicates</source>
      <translation>合并重复记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="201" />
      <source>Values to keep</source>
      <translation>要保留的值</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="202" />
      <source>Keep this record</source>
      <translation>保留此记录</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="204" />
      <source>Record {n}</source>
      <translation>记录 {n}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="209" />
      <source>Keep</source>
      <translation>保留</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="225" />
      <source>Merge</source>
      <translation>合并</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/duplicates.py" line="229" />
      <source>The other records are deleted after their linked records move; the history notes what was merged.</source>
      <translation>其他记录的关联记录转移后，这些记录将被删除；历史记录中会注明合并了哪些内容。</translation>
    </message>
  </context>
  <context>
    <name>PipelineView</name>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="228" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="233" />
      <source>Board</source>
      <translation>看板</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="234" />
      <source>List</source>
      <translation>列表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="257" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="257" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="258" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="258" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="259" />
      <source>Probability</source>
      <translation>赢率</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="259" />
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="305" />
      <source>Weighted open pipeline: {amount}</source>
      <translation>进行中商机加权金额：{amount}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="310" />
      <source>{total} · weighted {weighted}</source>
      <translation>{total} · 加权 {weighted}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="332" />
      <source>{n} open opportunities</source>
      <translation>{n} 个进行中商机</translation>
    </message>
  </context>
  <context>
    <name>Pool</name>
    <message>
      <location filename="../../ui/widgets/pool.py" line="61" />
      <source>Due back to the pool: the server returns it at the next sync</source>
      <translation>已到期：下次同步时服务器会将其退回公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="62" />
      <source>Recycled to the pool {when}</source>
      <translation>{when}回收到公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="87" />
      <source>No completed follow-up for {n} days</source>
      <translation>{n} 天内没有完成的跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="90" />
      <source>No won deal for {n} days</source>
      <translation>{n} 天内没有赢单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="93" />
      <source>High-value customer not followed up within {n} h</source>
      <translation>高价值客户 {n} 小时内未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="96" />
      <source>Protection ended</source>
      <translation>保护期已结束</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="98" />
      <source>Returned by its owner</source>
      <translation>由负责人退回</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="105" />
      <source>no follow-up</source>
      <translation>未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="106" />
      <source>no won deal</source>
      <translation>未赢单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="107" />
      <source>high value, 24 h</source>
      <translation>高价值，24 小时</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="108" />
      <source>protection ends</source>
      <translation>保护期结束</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="109" />
      <source>returned</source>
      <translation>已退回</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="119" />
      <source>Another rep claimed it first</source>
      <translation>已被其他销售抢先领取</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="121" />
      <source>Daily claim limit reached ({n})</source>
      <translation>已达到每日领取上限（{n}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="124" />
      <source>You already hold the most customers allowed ({n})</source>
      <translation>您持有的客户数已达上限（{n}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="128" />
      <source>You returned it less than {n} h ago: wait for the cool-down</source>
      <translation>您在 {n} 小时内刚退回过该客户，请等待冷却期结束</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="131" />
      <source>It is no longer in the pool</source>
      <translation>该客户已不在公海中</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="133" />
      <source>Choose a reason for returning the customer</source>
      <translation>请选择退回客户的原因</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="135" />
      <source>Only the customer's owner can return it to the pool</source>
      <translation>只有客户负责人才能将其退回公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="137" />
      <source>You already protect the most customers allowed ({n})</source>
      <translation>您保护的客户数已达上限（{n}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="140" />
      <source>Protection lasts at most {n} days</source>
      <translation>保护期最长 {n} 天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="146" />
      <source>Pending</source>
      <translation>待处理</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="147" />
      <source>Granted</source>
      <translation>已通过</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="148" />
      <source>Refused</source>
      <translation>被拒绝</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="152" />
      <source>Claim</source>
      <translation>领取</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="152" />
      <source>Return</source>
      <translation>退回</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="153" />
      <source>Protect</source>
      <translation>保护</translation>
    </message>
  </context>
  <context>
    <name>PoolRequestDialog</name>
    <message>
      <location filename="../../ui/dialogs/pool_request.py" line="51" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>PoolView</name>
    <message>
      <location filename="../../ui/widgets/pool.py" line="192" />
      <source>Shared pool</source>
      <translation>客户公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="193" />
      <source>Customers nobody is following up. Claim one to make it yours: a claim made offline waits for the next sync, first come first served.</source>
      <translation>无人跟进的客户。领取后即归您负责：离线时提交的领取会等到下次同步，先到先得。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="200" />
      <source>Search the pool by name…</source>
      <translation>按名称搜索公海…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="201" />
      <source>Search the pool</source>
      <translation>搜索公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="210" />
      <source>&amp;Claim</source>
      <translation>领取(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="212" />
      <source>Ask for the selected customer (Alt+C)</source>
      <translation>申请领取所选客户 (Alt+C)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="225" />
      <source>Customers in the pool</source>
      <translation>公海中的客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="229" />
      <location filename="../../ui/widgets/pool.py" line="250" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="229" />
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="230" />
      <source>Region</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="230" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="231" />
      <source>In the pool since</source>
      <translation>进入公海时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="231" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="236" />
      <source>The pool is empty</source>
      <translation>公海中没有客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="237" />
      <source>No customer is waiting to be claimed. Customers return here when nobody follows them up.</source>
      <translation>目前没有待领取的客户。无人跟进的客户会回到这里。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="239" />
      <source>In the pool</source>
      <translation>公海客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="247" />
      <location filename="../../ui/widgets/pool.py" line="255" />
      <source>My requests</source>
      <translation>我的申请</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="250" />
      <source>Request</source>
      <translation>申请类型</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="251" />
      <source>Sent</source>
      <translation>提交时间</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="251" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="251" />
      <source>Details</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="291" />
      <source>{name} (claim pending)</source>
      <translation>{name}（领取待确认）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="302" />
      <source>{n} customers in the pool</source>
      <translation>公海中有 {n} 个客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="313" />
      <source>Waits for the next sync</source>
      <translation>等待下次同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="350" />
      <source>Claim for “{name}” recorded. It becomes yours when the server grants it at the next sync, unless another rep was first.</source>
      <translation>已记录对“{name}”的领取申请。下次同步时服务器批准后即归您负责，除非其他销售抢先领取。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pool.py" line="361" />
      <source>You cannot claim this customer: {why}</source>
      <translation>您不能领取此客户：{why}</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="370" />
      <source>Preview and check</source>
      <translation>预览与检查</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="371" />
      <source>Every row is checked against the data standards and the customers you already have. Nothing is saved yet.</source>
      <translation>每一行都会按照数据规范和已有客户进行检查。目前尚未保存任何内容。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="378" />
      <location filename="../../ui/exchange/import_wizard.py" line="452" />
      <source>Row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="378" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="378" />
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="379" />
      <source>Value</source>
      <translation>值</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="380" />
      <source>Save errors as .xlsx…</source>
      <translation>将错误另存为 .xlsx…</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="399" />
      <source>Every row is checked against the catalog's data standards (the server checks them again) and the SKUs already in the catalog. Nothing is sent yet.</source>
      <translation>每一行都会按照产品目录的数据规范（服务器会再次检查）和目录中已有的货号进行检查。目前尚未发送任何内容。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="426" />
      <source>{ready} new products, {dups} SKUs already in the catalog, {errors} rows with errors.</source>
      <translation>{ready} 个新产品，{dups} 个货号已在产品目录中，{errors} 行有错误。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="428" />
      <source>{ready} new rows, {dups} possible duplicates, {errors} rows with errors.</source>
      <translation>{ready} 行新数据，{dups} 行可能重复，{errors} 行有错误。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="431" />
      <source>Fix the errors in the file and import it again: nothing is imported while any row is wrong.</source>
      <translation>请修正文件中的错误后重新导入：只要有任何一行出错，就不会导入任何数据。</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="464" />
      <source>Save errors</source>
      <translation>保存错误</translation>
    </message>
    <message>
      <location filename="../../ui/exchange/import_wizard.py" line="465" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>ProductsView</name>
    <message>
      <location filename="../../ui/widgets/products.py" line="53" />
      <source>Products</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="54" />
      <source>The catalog comes from the server and is read-only.</source>
      <translation>产品目录来自服务器，为只读。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="60" />
      <source>Search SKU, name (English or 中文) or category…</source>
      <translation>搜索货号、名称（英文或中文）或类别…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="65" />
      <source>Show inactive products</source>
      <translation>显示已停用产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="76" />
      <source>SKU</source>
      <translation>货号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="76" />
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="76" />
      <source>Chinese name</source>
      <translation>中文名称</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="77" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="77" />
      <source>List price</source>
      <translation>标价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="78" />
      <source>Volume prices</source>
      <translation>阶梯价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="78" />
      <source>Tax</source>
      <translation>税率</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="79" />
      <source>In stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="79" />
      <source>Stock as of</source>
      <translation>库存更新于</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="107" />
      <source>never synced</source>
      <translation>从未同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="109" />
      <source>{when} (stale)</source>
      <translation>{when}（已过时）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="110" />
      <source>{name} — inactive, cannot be quoted</source>
      <translation>{name} — 已停用，不能报价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="120" />
      <source>{n} products</source>
      <translation>{n} 个产品</translation>
    </message>
  </context>
  <context>
    <name>ProtectDialog</name>
    <message>
      <location filename="../../ui/dialogs/protect_dialog.py" line="36" />
      <source>Protect from the pool</source>
      <translation>防止回收到公海</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/protect_dialog.py" line="37" />
      <source>Keep “{name}” from being recycled to the pool until the date below. The server confirms at the next sync.</source>
      <translation>在下方日期之前，保护“{name}”不被回收到公海。服务器将在下次同步时确认。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/protect_dialog.py" line="46" />
      <source>Protected until</source>
      <translation>保护至</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/protect_dialog.py" line="50" />
      <source>Protected &amp;until</source>
      <translation>保护至(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/protect_dialog.py" line="40" />
      <source>Protect</source>
      <translation>保护</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/protect_dialog.py" line="65" />
      <source>Your team allows {n} protected customers per rep, each for at most {days} days.</source>
      <translation>您的团队规定每位销售最多可保护 {n} 个客户，每个客户最长保护 {days} 天。</translation>
    </message>
  </context>
  <context>
    <name>QueueList</name>
    <message>
      <location filename="../../ui/scan/queue_list.py" line="19" />
      <source>Cards to review</source>
      <translation>待核对的名片</translation>
    </message>
    <message>
      <location filename="../../ui/scan/queue_list.py" line="56" />
      <source>Reading…</source>
      <translation>正在识别…</translation>
    </message>
    <message>
      <location filename="../../ui/scan/queue_list.py" line="56" />
      <source>Waiting to be read</source>
      <translation>等待识别</translation>
    </message>
    <message>
      <location filename="../../ui/scan/queue_list.py" line="59" />
      <source>{file} — cannot read: {reason}</source>
      <translation>{file} — 无法读取：{reason}</translation>
    </message>
    <message>
      <location filename="../../ui/scan/queue_list.py" line="62" />
      <source>{card} — skipped</source>
      <translation>{card} — 已跳过</translation>
    </message>
    <message>
      <location filename="../../ui/scan/queue_list.py" line="63" />
      <source>{card} — ready to review</source>
      <translation>{card} — 待核对</translation>
    </message>
  </context>
  <context>
    <name>QuoteBuilder</name>
    <message>
      <location filename="../../ui/quotes/builder.py" line="134" />
      <source>New quote</source>
      <translation>新建报价</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="143" />
      <source>Open customer</source>
      <translation>打开客户</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="146" />
      <source>Back</source>
      <translation>返回</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="151" />
      <source>Add a product: type SKU or name, ↑↓ to pick, Enter to add</source>
      <translation>添加产品：输入货号或名称，↑↓ 选择，回车添加</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="183" />
      <source>Lines</source>
      <translation>明细</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="213" />
      <source>Details</source>
      <translation>详细信息</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="227" />
      <source>e.g. 5</source>
      <translation>例如 5</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="230" />
      <source>Notes for the client</source>
      <translation>给客户的备注</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="234" />
      <source>Terms (one per line; empty: company terms)</source>
      <translation>条款（每行一条；留空则使用公司条款）</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="237" />
      <source>Currency</source>
      <translation>币种</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="238" />
      <source>PDF language</source>
      <translation>PDF 语言</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="239" />
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="240" />
      <source>Quote discount %</source>
      <translation>整单折扣 %</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="241" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="242" />
      <source>Terms</source>
      <translation>条款</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="247" />
      <source>Totals</source>
      <translation>合计</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="254" />
      <source>Subtotal</source>
      <translation>小计</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="255" />
      <source>Discount</source>
      <translation>折扣</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="256" />
      <source>Tax</source>
      <translation>税额</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="256" />
      <source>Total</source>
      <translation>总计</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="269" />
      <source>Actions</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="270" />
      <source>Save draft</source>
      <translation>保存草稿</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="272" />
      <source>Submit</source>
      <translation>提交</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="275" />
      <source>Mark sent</source>
      <translation>标记为已发送</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="277" />
      <source>Export PDF</source>
      <translation>导出 PDF</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="279" />
      <source>Revise (new version)</source>
      <translation>修订（新版本）</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="281" />
      <source>Client accepted</source>
      <translation>客户已接受</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="283" />
      <source>Client declined</source>
      <translation>客户已拒绝</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="322" />
      <source>stock {n}</source>
      <translation>库存 {n}</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="334" />
      <source>{sku} is priced in {cur}; this quote is in {quote}. Pick a product from the {quote} price list.</source>
      <translation>{sku} 以 {cur} 计价，而此报价单使用 {quote}。请从 {quote} 价目表中选择产品。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="414" />
      <source>Quote {number}</source>
      <translation>报价单 {number}</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="422" />
      <source>{customer} · opportunity {opp}</source>
      <translation>{customer} · 商机 {opp}</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="426" />
      <source>Other versions (read-only): {list}</source>
      <translation>其他版本（只读）：{list}</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="429" />
      <source>Manager: {comment}</source>
      <translation>经理：{comment}</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="487" />
      <source>Line {n}: {text}</source>
      <translation>第 {n} 行：{text}</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="495" />
      <source>Line {n}: {sku} has only {stock} in stock (as of the last sync).</source>
      <translation>第 {n} 行：{sku} 库存仅 {stock}（截至上次同步）。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="508" />
      <source>Needs manager approval (your limit: {p} % discount, {total} total).</source>
      <translation>需要经理审批（您的权限：折扣 {p} %，总额 {total}）。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/builder.py" line="512" />
      <source>Within your limits: approved on submit.</source>
      <translation>在您的权限范围内：提交即批准。</translation>
    </message>
  </context>
  <context>
    <name>QuoteErrors</name>
    <message>
      <location filename="../../ui/quotes/messages.py" line="27" />
      <source>Enter a quantity greater than zero.</source>
      <translation>请输入大于零的数量。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="28" />
      <source>A discount cannot be more than 100 %.</source>
      <translation>折扣不能超过 100 %。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="30" />
      <source>A discount cannot be negative.</source>
      <translation>折扣不能为负数。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="31" />
      <source>The discount is larger than the line amount.</source>
      <translation>折扣大于该行金额。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="33" />
      <source>The discount is larger than the quote amount.</source>
      <translation>折扣大于报价单金额。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="35" />
      <source>This product is no longer sold: remove the line.</source>
      <translation>该产品已停售，请删除此行。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="37" />
      <source>This product is no longer in the catalog: remove the line.</source>
      <translation>该产品已不在产品目录中，请删除此行。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="39" />
      <source>This product is priced in {actual}, the quote is in {expected}.</source>
      <translation>该产品以 {actual} 计价，而报价单使用 {expected}。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="42" />
      <source>The product's tax rate is not valid; ask your admin.</source>
      <translation>该产品的税率无效，请联系管理员。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="44" />
      <source>Only a draft can be submitted.</source>
      <translation>只有草稿可以提交。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="45" />
      <source>This quote is no longer waiting for approval.</source>
      <translation>此报价单已不在待审批状态。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="47" />
      <source>The quote must be approved before it is sent.</source>
      <translation>报价单须经批准后才能发送。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="49" />
      <source>Only a sent quote can be accepted or rejected.</source>
      <translation>只有已发送的报价单才能标记为接受或拒绝。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="50" />
      <source>Edit the quote itself; only sent quotes are revised.</source>
      <translation>请直接编辑此报价单；只有已发送的报价单才需要修订。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="52" />
      <source>This opportunity belongs to another customer.</source>
      <translation>此商机属于其他客户。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="54" />
      <source>Quotes can be printed in English or Chinese only.</source>
      <translation>报价单只能以英文或中文打印。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="56" />
      <source>The quote's revision number is not valid.</source>
      <translation>报价单的修订版本号无效。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="57" />
      <source>The quote cannot expire before the day it is issued.</source>
      <translation>报价单的有效期不能早于开具日期。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="59" />
      <source>The quote's totals do not add up. Open the quote, check its lines and save it again.</source>
      <translation>报价单的合计金额对不上。请打开报价单，检查各行后重新保存。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="62" />
      <source>The quote's lines and units do not match. Open the quote and save it again.</source>
      <translation>报价单的明细行与单位不一致。请打开报价单后重新保存。</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/messages.py" line="71" />
      <source>Line {n}: {text}</source>
      <translation>第 {n} 行：{text}</translation>
    </message>
  </context>
  <context>
    <name>QuoteLinesModel</name>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="116" />
      <source>SKU</source>
      <translation>货号</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="116" />
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="116" />
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="117" />
      <source>Unit price</source>
      <translation>单价</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="117" />
      <source>Discount %</source>
      <translation>折扣 %</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="117" />
      <source>Tax</source>
      <translation>税率</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="118" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="118" />
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../ui/quotes/line_model.py" line="271" />
      <source>The quantity is more than the stock on hand.</source>
      <translation>数量超过现有库存。</translation>
    </message>
  </context>
  <context>
    <name>QuotesView</name>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="55" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="57" />
      <source>Approvals</source>
      <translation>审批</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="61" />
      <location filename="../../ui/widgets/quotes.py" line="79" />
      <source>New quote</source>
      <translation>新建报价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="69" />
      <source>Number</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="69" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="69" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="70" />
      <source>Total</source>
      <translation>总计</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="70" />
      <source>Issued</source>
      <translation>开具日期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="71" />
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="76" />
      <source>No quotes yet</source>
      <translation>还没有报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="77" />
      <source>Open a customer and choose New quote, or start one here. Quotes are numbered and priced offline.</source>
      <translation>打开客户并选择“新建报价”，或在这里开始。报价单可离线编号和计价。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="106" />
      <source>New quote for…</source>
      <translation>新建报价，客户…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="107" />
      <source>Type part of the customer's name, ↑↓ to pick, Enter to start.</source>
      <translation>输入客户名称的一部分，↑↓ 选择，回车开始。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="110" />
      <source>Customer name</source>
      <translation>客户名称</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="119" />
      <source>Back to quotes</source>
      <translation>返回报价单</translation>
    </message>
  </context>
  <context>
    <name>ReportsView</name>
    <message>
      <location filename="../../ui/reports/view.py" line="169" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="170" />
      <source>Computed on this laptop from your data: they work offline</source>
      <translation>根据本机数据计算，离线也可使用</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="172" />
      <source>This month</source>
      <translation>本月</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="172" />
      <source>Last 30 days</source>
      <translation>最近 30 天</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="173" />
      <source>This quarter</source>
      <translation>本季度</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="174" />
      <source>Last 12 months</source>
      <translation>最近 12 个月</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="174" />
      <source>This year</source>
      <translation>今年</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="178" />
      <source>Period</source>
      <translation>期间</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="180" />
      <location filename="../../ui/reports/view.py" line="353" />
      <source>Rep</source>
      <translation>销售</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="181" />
      <source>Everyone</source>
      <translation>所有人</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="190" />
      <source>Target ¥</source>
      <translation>目标 ¥</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="195" />
      <source> days quiet</source>
      <translation> 天未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="196" />
      <source>Export Excel…</source>
      <translation>导出 Excel…</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="197" />
      <source>Export CSV…</source>
      <translation>导出 CSV…</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="198" />
      <source>Print PDF…</source>
      <translation>打印 PDF…</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="217" />
      <source>Pipeline &amp;&amp; forecast</source>
      <translation>商机与预测</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="218" />
      <source>Leaderboard</source>
      <translation>排行榜</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="219" />
      <source>Activity &amp;&amp; health</source>
      <translation>活动与健康度</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="220" />
      <source>Data completeness</source>
      <translation>数据完整度</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="221" />
      <source>Lifecycle flow</source>
      <translation>生命周期流转</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="303" />
      <source>{d} d {h} h</source>
      <translation>{d} 天 {h} 小时</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="314" />
      <source>No date</source>
      <translation>无日期</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="339" />
      <location filename="../../ui/reports/view.py" line="556" />
      <source>New customer</source>
      <translation>新客户</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="336" />
      <location filename="../../ui/reports/view.py" line="348" />
      <location filename="../../ui/reports/view.py" line="553" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="348" />
      <source>Reached</source>
      <translation>到达数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="349" />
      <source>Conversion</source>
      <translation>转化率</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="349" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="350" />
      <source>Forecast</source>
      <translation>预测</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="350" />
      <source>Avg. days in stage</source>
      <translation>平均停留天数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="351" />
      <source>By</source>
      <translation>维度</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="351" />
      <source>Stage / month</source>
      <translation>阶段 / 月份</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="352" />
      <source>Deals</source>
      <translation>商机数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="352" />
      <location filename="../../ui/reports/view.py" line="418" />
      <source>Weighted</source>
      <translation>加权金额</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="353" />
      <source>Won amount</source>
      <translation>赢单金额</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="354" />
      <location filename="../../ui/reports/view.py" line="389" />
      <location filename="../../ui/reports/view.py" line="437" />
      <source>Won</source>
      <translation>赢单数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="354" />
      <location filename="../../ui/reports/view.py" line="390" />
      <source>Lost</source>
      <translation>输单数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="355" />
      <source>Win rate</source>
      <translation>赢单率</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="355" />
      <source>Avg. cycle (days)</source>
      <translation>平均周期（天）</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="356" />
      <source>Follow-ups logged</source>
      <translation>已记录跟进</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="356" />
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="357" />
      <source>New customers</source>
      <translation>新增客户</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="357" />
      <source>Due</source>
      <translation>应跟进</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="358" />
      <source>Done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="358" />
      <source>Customers</source>
      <translation>客户数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="359" />
      <source>Contacts</source>
      <translation>联系人数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="359" />
      <source>Lifecycle</source>
      <translation>生命周期</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="360" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="360" />
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="361" />
      <source>Last follow-up</source>
      <translation>最近跟进</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="362" />
      <source>Days without follow-up</source>
      <translation>未跟进天数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="336" />
      <location filename="../../ui/reports/view.py" line="363" />
      <location filename="../../ui/reports/view.py" line="554" />
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="363" />
      <source>From stage</source>
      <translation>原阶段</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="364" />
      <source>To stage</source>
      <translation>新阶段</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="365" />
      <source>short name</source>
      <translation>简称</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="365" />
      <source>phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="366" />
      <source>website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="366" />
      <source>credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="367" />
      <source>address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="367" />
      <source>title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="368" />
      <source>department</source>
      <translation>部门</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="368" />
      <source>e-mail</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="369" />
      <source>WeChat</source>
      <translation>微信</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="371" />
      <source>Customer {field}</source>
      <translation>客户{field}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="372" />
      <source>Contact {field}</source>
      <translation>联系人{field}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="383" />
      <source>Opportunities reaching each stage</source>
      <translation>到达各阶段的商机</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="391" />
      <source>Win rate (closed)</source>
      <translation>赢单率（已结束）</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="394" />
      <source>{reason} {n}</source>
      <translation>{reason}（{n}）</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="395" />
      <source>none given</source>
      <translation>未填写</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="400" />
      <source>Bottleneck: deals leave {stage} least often.</source>
      <translation>瓶颈：商机最难推进出“{stage}”阶段。</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="403" />
      <source>Longest stay: {stage} ({time} on average).</source>
      <translation>停留最久：{stage}（平均 {time}）。</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="407" />
      <source>Lost reasons: {reasons}</source>
      <translation>输单原因：{reasons}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="414" />
      <source>Open pipeline by expected close month (thousands)</source>
      <translation>按预计成交月份统计的进行中商机（千）</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="415" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="418" />
      <source>Rest of amount</source>
      <translation>剩余金额</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="422" />
      <source>Open pipeline</source>
      <translation>进行中商机</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="423" />
      <source>Weighted forecast</source>
      <translation>加权预测</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="425" />
      <source>Won this period</source>
      <translation>本期赢单</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="427" />
      <source>Of target</source>
      <translation>目标完成率</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="429" />
      <source>Amounts in {currency}; each weighted by its stage's win probability.</source>
      <translation>金额单位：{currency}；按各阶段的赢率加权。</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="436" />
      <source>Won amount per rep</source>
      <translation>各销售赢单金额</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="440" />
      <source>Win rate = won ÷ (won + lost) closed in the period; overdue counts open follow-ups due before now.</source>
      <translation>赢单率 = 本期赢单数 ÷（赢单数 + 输单数）；逾期为截止时间已过但尚未完成的跟进数。</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="446" />
      <source>Customers by lifecycle stage</source>
      <translation>按生命周期阶段统计客户</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="451" />
      <source>Overdue follow-ups</source>
      <translation>逾期跟进</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="453" />
      <source>Due in the next 7 days</source>
      <translation>未来 7 天到期</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="456" />
      <source>Quiet for {n}+ days</source>
      <translation>超过 {n} 天未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="459" />
      <source>Longest without a follow-up: {names}</source>
      <translation>最久未跟进：{names}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="468" />
      <source>Share of records with each key field</source>
      <translation>各关键字段的填写率</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="471" />
      <source>Filled %</source>
      <translation>填写率 %</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="474" />
      <source>All</source>
      <translation>全部</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="477" />
      <source>A field counts as filled when it holds a value; contacts count under their customer's owner.</source>
      <translation>字段有值即视为已填写；联系人计入其所属客户的负责人。</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="485" />
      <source>Customers entering each lifecycle stage per month</source>
      <translation>每月进入各生命周期阶段的客户数</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="494" />
      <source>Moves between stages</source>
      <translation>阶段间流转</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="496" />
      <source>Became customers</source>
      <translation>成为客户</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="501" />
      <source>Went dormant</source>
      <translation>转为沉睡</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="504" />
      <source>Each customer's stage is computed by the lifecycle rules at the start and at the end of every month; several changes within a month count as one move, and stages set by hand are not replayed.</source>
      <translation>每位客户的阶段按生命周期规则在每月月初和月末计算；一个月内的多次变化只计为一次流转，手动设置的阶段不参与重算。</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="514" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="515" />
      <source>CSV, UTF-8 (*.csv)</source>
      <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="515" />
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="517" />
      <source>Save report</source>
      <translation>保存报表</translation>
    </message>
    <message>
      <location filename="../../ui/reports/view.py" line="217" />
      <source>Funnel</source>
      <translation>销售漏斗</translation>
    </message>
  </context>
  <context>
    <name>ReturnToPoolDialog</name>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="32" />
      <location filename="../../ui/dialogs/return_dialog.py" line="35" />
      <source>Return to pool</source>
      <translation>退回公海</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="33" />
      <source>Give “{name}” back to the shared pool? Other reps can then claim it.</source>
      <translation>将“{name}”退回公海？退回后其他销售可以领取。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="39" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="40" />
      <source>Choose a reason…</source>
      <translation>选择原因…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="42" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="43" />
      <source>Optional: what the next rep should know</source>
      <translation>选填：需要告知下一位销售的信息</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="45" />
      <source>&amp;Reason</source>
      <translation>原因(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="46" />
      <source>&amp;Note</source>
      <translation>备注(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="55" />
      <source>Other (say why in the note)</source>
      <translation>其他（请在备注中说明）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="60" />
      <source>Choose a reason for returning the customer.</source>
      <translation>请选择退回客户的原因。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/return_dialog.py" line="65" />
      <source>Say why in the note.</source>
      <translation>请在备注中说明原因。</translation>
    </message>
  </context>
  <context>
    <name>ReviewDialog</name>
    <message>
      <location filename="../../ui/scan/review.py" line="153" />
      <source>Review card</source>
      <translation>核对名片</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="183" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="183" />
      <source>Title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="184" />
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="184" />
      <source>Department</source>
      <translation>部门</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="185" />
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="185" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="186" />
      <source>Phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="186" />
      <source>+ Add phone</source>
      <translation>+ 添加电话</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="187" />
      <source>name@company.com</source>
      <translation>name@company.com</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="187" />
      <source>+ Add e-mail</source>
      <translation>+ 添加邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="193" />
      <source>Phones</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="194" />
      <source>E-mails</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="222" />
      <source>Save as</source>
      <translation>保存为</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="247" />
      <source>Discard card</source>
      <translation>丢弃名片</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="249" />
      <source>Remove this card from the queue (Ctrl+Delete)</source>
      <translation>从队列中移除此名片 (Ctrl+Delete)</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="251" />
      <source>Skip (Esc)</source>
      <translation>跳过 (Esc)</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="254" />
      <source>Done for now</source>
      <translation>暂时完成</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="257" />
      <source>Save and next (Enter)</source>
      <translation>保存并下一张 (Enter)</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/scan/review.py" line="312" />
      <source>%n card(s) left to review</source>
      <translation>
        <numerusform>还有 %n 张名片待核对</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="328" />
      <source>Loading image…</source>
      <translation>正在加载图片…</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="349" />
      <source>The reader was unsure about this field: please check it</source>
      <translation>识别结果不确定，请核对此字段</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="380" />
      <source>Not valid: %1</source>
      <translation>无效：%1</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="385" />
      <source>name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="390" />
      <source>phone %1</source>
      <translation>电话 %1</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="397" />
      <source>e-mail %1</source>
      <translation>邮箱 %1</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="402" />
      <source>website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="406" />
      <source>To save, correct: %1</source>
      <translation>保存前请更正：%1</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="449" />
      <source>same e-mail</source>
      <translation>邮箱相同</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="449" />
      <source>same mobile</source>
      <translation>手机相同</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="450" />
      <source>same office phone</source>
      <translation>办公电话相同</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="451" />
      <source>similar name, same company</source>
      <translation>姓名相似，公司相同</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="455" />
      <source>Merge into %1 (%2)</source>
      <translation>合并到 %1（%2）</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="457" />
      <source>%1 at %2: %3</source>
      <translation>%2 的 %1：%3</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="462" />
      <source>Add to customer %1</source>
      <translation>添加到客户 %1</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="463" />
      <source>A new contact at this existing customer</source>
      <translation>作为该已有客户的新联系人</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="464" />
      <source>New customer and contact</source>
      <translation>新建客户和联系人</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="465" />
      <source>Create the customer from the card's company</source>
      <translation>根据名片上的公司新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="137" />
      <source>Mobile</source>
      <extracomment>Below this the field is marked for the rep to check.</extracomment>
      <translation>手机</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="138" />
      <source>Office</source>
      <translation>办公电话</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="139" />
      <source>Fax</source>
      <translation>传真</translation>
    </message>
    <message>
      <location filename="../../ui/scan/review.py" line="140" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
  </context>
  <context>
    <name>ScanView</name>
    <message>
      <location filename="../../ui/widgets/scan.py" line="64" />
      <source>Scan cards</source>
      <translation>扫描名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="65" />
      <source>Turn business cards into contacts</source>
      <translation>把名片变成联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="67" />
      <source>Drop card photos or a folder here</source>
      <translation>将名片照片或文件夹拖到这里</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="68" />
      <source>FieldSales reads Chinese and English cards offline, in the background; you check each card before anything is saved.</source>
      <translation>FieldSales 在后台离线识别中英文名片；保存前由您逐张核对。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="69" />
      <source>Choose photos…</source>
      <translation>选择照片…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="74" />
      <source>Choose folder…</source>
      <translation>选择文件夹…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="76" />
      <source>Use webcam</source>
      <translation>使用摄像头</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="95" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="96" />
      <source>Stop reading; unread cards stay in the queue</source>
      <translation>停止识别；未识别的名片保留在队列中</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="98" />
      <source>Read remaining cards</source>
      <translation>识别剩余名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="109" />
      <source>Review queue</source>
      <translation>核对队列</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="116" />
      <source>Review cards</source>
      <translation>核对名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="119" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="120" />
      <source>Remove the selected card from the queue (Del)</source>
      <translation>从队列中移除所选名片 (Del)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="146" />
      <source>Photograph a card with %1</source>
      <translation>使用 %1 拍摄名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="147" />
      <source>No camera found on this computer</source>
      <translation>这台电脑上没有找到摄像头</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/widgets/scan.py" line="225" />
      <source>%n card(s) to review</source>
      <translation>
        <numerusform>%n 张名片待核对</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/widgets/scan.py" line="227" />
      <source>%n waiting to be read</source>
      <translation>
        <numerusform>%n 张等待识别</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/widgets/scan.py" line="229" />
      <source>%n could not be read</source>
      <translation>
        <numerusform>%n 张无法识别</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="231" />
      <source>No cards waiting. Drop some photos to start.</source>
      <translation>没有待处理的名片。拖入照片即可开始。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="232" />
      <source>Review cards (%1)</source>
      <translation>核对名片 (%1)</translation>
    </message>
    <message numerus="yes">
      <location filename="../../ui/widgets/scan.py" line="240" />
      <source>%n card(s) not read yet</source>
      <translation>
        <numerusform>%n 张名片尚未识别</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="247" />
      <source>Adding cards…</source>
      <translation>正在添加名片…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="252" />
      <source>Choose card photos</source>
      <translation>选择名片照片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="253" />
      <source>Images (%1);;All files (*)</source>
      <translation>图片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="257" />
      <source>Choose a folder of card photos</source>
      <translation>选择名片照片所在的文件夹</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="296" />
      <source>Reading card %1 of %2</source>
      <translation>正在识别第 %1 张，共 %2 张</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="302" />
      <source>Stopped: unread cards stay in the queue</source>
      <translation>已停止：未识别的名片保留在队列中</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="303" />
      <source>All cards read</source>
      <translation>所有名片已识别</translation>
    </message>
  </context>
  <context>
    <name>SearchPopup</name>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="50" />
      <source>Search customers, contacts, opportunities, quotes…</source>
      <translation>搜索客户、联系人、商机、报价单…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="56" />
      <source>Global search</source>
      <translation>全局搜索</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="59" />
      <source>Type at least one character. ↑↓ to move, Enter to open, Esc to close.</source>
      <translation>请至少输入一个字符。↑↓ 移动，回车打开，Esc 关闭。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="118" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="118" />
      <source>Contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="119" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="119" />
      <source>Quote</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="133" />
      <source>{n} results</source>
      <translation>{n} 个结果</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="135" />
      <source>Nothing found. Try part of a name, a phone number or a quote number.</source>
      <translation>未找到结果。试试名称的一部分、电话号码或报价单号。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="137" />
      <source>Type at least one character.</source>
      <translation>请至少输入一个字符。</translation>
    </message>
  </context>
  <context>
    <name>TodayView</name>
    <message>
      <location filename="../../ui/widgets/today.py" line="103" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="105" />
      <source>Overdue follow-ups</source>
      <translation>逾期跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="106" />
      <source>Due today</source>
      <translation>今天到期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="107" />
      <source>High-value, not yet followed up</source>
      <translation>高价值客户未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="108" />
      <source>Customers quiet for 3+ days</source>
      <translation>超过 3 天未跟进的客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="114" />
      <location filename="../../ui/widgets/today.py" line="117" />
      <source>Follow-ups due</source>
      <translation>待跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="118" />
      <source>You're all caught up</source>
      <translation>全部跟进完毕</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="119" />
      <source>No follow-ups are due. Plan your next calls from the reminders on the right.</source>
      <translation>没有到期的跟进。可以根据右侧的提醒安排下一步拜访。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="123" />
      <location filename="../../ui/widgets/today.py" line="126" />
      <source>Reminders</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="127" />
      <source>No reminders</source>
      <translation>没有提醒</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="128" />
      <source>Every customer has been followed up on time.</source>
      <translation>所有客户都已按时跟进。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="132" />
      <location filename="../../ui/widgets/today.py" line="135" />
      <source>Will return to the pool</source>
      <translation>即将退回公海</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="136" />
      <source>None of your customers is due back to the pool in the next 3 days.</source>
      <translation>未来 3 天内没有客户将被退回公海。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="222" />
      <source>overdue {when}</source>
      <translation>已逾期（{when}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="222" />
      <source>due {when}</source>
      <translation>{when}到期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="266" />
      <source>High-value: no follow-up within 24 h (assigned {when})</source>
      <translation>高价值客户：24 小时内未跟进（分配于{when}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="269" />
      <source>Quote {number} sent {when}, no answer yet</source>
      <translation>报价单 {number} 已于{when}发出，尚无回复</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="271" />
      <source>Not followed up since {when}</source>
      <translation>自{when}起未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="275" />
      <source>Log follow-up</source>
      <translation>记录跟进</translation>
    </message>
  </context>
  <context>
    <name>UnlockDialog</name>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="51" />
      <source>Unlock FieldSales</source>
      <translation>解锁 FieldSales</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="54" />
      <source>Unlock your data</source>
      <translation>解锁您的数据</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="56" />
      <source> ({user})</source>
      <translation>（{user}）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="58" />
      <source>Your customers are stored encrypted on this computer{who}. This computer has no keyring, so the key is made from your password: enter the password you signed in with.</source>
      <translation>您的客户数据已加密保存在这台电脑上{who}。这台电脑没有系统密钥环，因此密钥由您的密码生成：请输入您登录时使用的密码。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="65" />
      <location filename="../../ui/dialogs/unlock_dialog.py" line="86" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="71" />
      <source>Unlock error</source>
      <translation>解锁错误</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="73" />
      <location filename="../../ui/dialogs/unlock_dialog.py" line="109" />
      <source>Unlock</source>
      <translation>解锁</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="77" />
      <source>Sign in instead</source>
      <translation>改为登录</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="97" />
      <source>Enter your password.</source>
      <translation>请输入密码。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="109" />
      <source>Unlocking…</source>
      <translation>正在解锁…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="132" />
      <source>Wrong password: it does not unlock the data on this computer. Nothing was changed. Try again, or sign in instead.</source>
      <translation>密码错误：无法解锁这台电脑上的数据。未做任何更改。请重试，或改为登录。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="135" />
      <source>Could not open your data: {reason}</source>
      <translation>无法打开您的数据：{reason}</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="137" />
      <source>Could not open your data because of an unexpected problem. Nothing was changed. Try again, or sign in instead; the details (hover this message) help support.</source>
      <translation>由于意外问题无法打开您的数据。未做任何更改。请重试，或改为登录；详细信息（鼠标悬停在此消息上可见）可帮助技术支持排查问题。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/unlock_dialog.py" line="148" />
      <source>Data not encrypted</source>
      <translation>数据未加密</translation>
    </message>
  </context>
</TS>
