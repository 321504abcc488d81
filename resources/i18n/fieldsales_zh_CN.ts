<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Application</name>
    <message>
      <location filename="../../ui/main.py" line="145" />
      <source>Preparing demo data: {n} customers…</source>
      <translation>正在准备演示数据：{n} 个客户…</translation>
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
      <location filename="../../ui/dialogs/conflicts.py" line="73" />
      <source>No conflicts</source>
      <translation>没有冲突</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="74" />
      <source>Everything you changed offline merged cleanly.</source>
      <translation>您离线时的所有更改都已顺利合并。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="78" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="110" />
      <source>Keep mine</source>
      <translation>保留我的</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/conflicts.py" line="112" />
      <source>Keep theirs</source>
      <translation>保留对方的</translation>
    </message>
  </context>
  <context>
    <name>Customer360View</name>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="81" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="93" />
      <source>Log follow-up</source>
      <translation>记录跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="96" />
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="108" />
      <source>Details</source>
      <translation>详细信息</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="118" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="118" />
      <source>Title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="118" />
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="119" />
      <source>Email</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="122" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="122" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="123" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="123" />
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="127" />
      <source>Number</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="127" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="127" />
      <source>Total</source>
      <translation>总计</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="128" />
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="137" />
      <source>Contacts</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="139" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="141" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="142" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="144" />
      <source>Scanned cards</source>
      <translation>扫描的名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="183" />
      <source>{p}% complete</source>
      <translation>完整度 {p}%</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="185" />
      <source>Missing: {fields}</source>
      <translation>缺少：{fields}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="195" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="195" />
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="196" />
      <source>Credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="196" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="197" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="198" />
      <source>Last follow-up</source>
      <translation>最近跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="199" />
      <source>Customer since</source>
      <translation>成为客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="199" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="222" />
      <source>Created in {stage}</source>
      <translation>创建于{stage}阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="229" />
      <source>open task</source>
      <translation>未完成任务</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customer360.py" line="248" />
      <source>No scanned cards yet. Use Scan cards to add contacts from business cards.</source>
      <translation>还没有扫描的名片。使用“扫描名片”从名片添加联系人。</translation>
    </message>
  </context>
  <context>
    <name>CustomerFormDialog</name>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="55" />
      <source>Edit customer</source>
      <translation>编辑客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="55" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="60" />
      <source>Registered name, e.g. 深圳市华宏科技有限公司</source>
      <translation>工商注册全称，例如 深圳市华宏科技有限公司</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="67" />
      <source>+86 755 1234 5678</source>
      <translation>+86 755 1234 5678</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="71" />
      <source>18-character unified social credit code</source>
      <translation>18 位统一社会信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="118" />
      <source>Save customer</source>
      <translation>保存客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="121" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="169" />
      <source>Tip: use the full registered name including its legal form (有限公司, Ltd., GmbH …).</source>
      <translation>提示：请使用包含公司类型的工商注册全称（有限公司、Ltd.、GmbH …）。</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="238" />
      <source>This customer may already exist:</source>
      <translation>该客户可能已存在：</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="239" />
      <source>A customer with this credit code already exists:</source>
      <translation>已有客户使用此统一社会信用代码：</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="244" />
      <source>same credit code</source>
      <translation>信用代码相同</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="244" />
      <source>same name</source>
      <translation>名称相同</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="245" />
      <source>similar name ({score:.0f}%)</source>
      <translation>名称相似（{score:.0f}%）</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="249" />
      <source>Open existing</source>
      <translation>打开已有客户</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/customer_form.py" line="259" />
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
      <location filename="../../ui/widgets/customers.py" line="51" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="55" />
      <location filename="../../ui/widgets/customers.py" line="129" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="57" />
      <source>New customer (Ctrl+N)</source>
      <translation>新建客户 (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="63" />
      <source>Filter by name, phone, credit code…</source>
      <translation>按名称、电话、信用代码筛选…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="67" />
      <source>Filter customers</source>
      <translation>筛选客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="83" />
      <source>All levels</source>
      <translation>全部级别</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="84" />
      <source>All industries</source>
      <translation>全部行业</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="86" />
      <source>All regions</source>
      <translation>全部区域</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="87" />
      <source>All stages</source>
      <translation>全部阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="90" />
      <source>Everyone's</source>
      <translation>所有人的</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="91" />
      <source>Owner</source>
      <translation>负责人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="125" />
      <source>Customer list</source>
      <translation>客户列表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="127" />
      <source>No customers match</source>
      <translation>没有符合条件的客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="128" />
      <source>Clear the search or the filters, or add a new customer.</source>
      <translation>清除搜索或筛选条件，或新建客户。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/customers.py" line="172" />
      <source>{n} customers</source>
      <translation>{n} 个客户</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../ui/errors.py" line="29" />
      <source>This field is required.</source>
      <translation>此字段为必填项。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="30" />
      <source>This is too long (at most {max} characters).</source>
      <translation>内容太长（最多 {max} 个字符）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="32" />
      <source>Choose a value from the list.</source>
      <translation>请从列表中选择。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="33" />
      <source>This field cannot be changed here.</source>
      <translation>此字段不能在这里修改。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="34" />
      <source>Enter a number.</source>
      <translation>请输入数字。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="35" />
      <source>Enter zero or more.</source>
      <translation>请输入零或更大的数。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="36" />
      <source>Enter a value between {min} and {max}.</source>
      <translation>请输入 {min} 到 {max} 之间的值。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="38" />
      <source>This does not look like a phone number.</source>
      <translation>这看起来不像电话号码。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="39" />
      <source>This phone number is not valid. Check the digits and the country code.</source>
      <translation>电话号码无效，请检查号码和国家代码。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="41" />
      <source>Unknown country for this phone number.</source>
      <translation>无法识别此电话号码的国家。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="42" />
      <source>This email address is not valid.</source>
      <translation>邮箱地址无效。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="43" />
      <source>This web address is not valid.</source>
      <translation>网址无效。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="44" />
      <source>Web addresses must start with http:// or https://.</source>
      <translation>网址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="45" />
      <source>A unified social credit code has 18 characters.</source>
      <translation>统一社会信用代码为 18 位。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="46" />
      <source>The credit code's check digit is wrong: please check for a typing mistake.</source>
      <translation>信用代码校验位不正确，请检查是否输错。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="48" />
      <source>The credit code contains characters that are not allowed.</source>
      <translation>信用代码包含不允许的字符。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="49" />
      <source>Remove the invisible control characters from this text.</source>
      <translation>请删除文本中不可见的控制字符。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="50" />
      <source>Say why the opportunity was lost.</source>
      <translation>请说明输单原因。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="51" />
      <source>A task needs a due date.</source>
      <translation>任务需要截止日期。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="52" />
      <source>Choose a date in the future.</source>
      <translation>请选择将来的日期。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="53" />
      <source>This record no longer exists (it may have been deleted or moved to another rep).</source>
      <translation>此记录已不存在（可能已被删除或转给其他销售）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="55" />
      <source>A customer with this name or credit code already exists.</source>
      <translation>已有同名或同信用代码的客户。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="56" />
      <source>A contact with this phone number or email already exists.</source>
      <translation>已有联系人使用此电话或邮箱。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="57" />
      <source>A sent quote cannot change: make a revision instead.</source>
      <translation>已发出的报价单不能修改，请创建修订版。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="58" />
      <source>Add at least one product to the quote.</source>
      <translation>请至少为报价单添加一个产品。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="59" />
      <source>Only a manager can do this.</source>
      <translation>只有经理可以执行此操作。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="60" />
      <source>The disk is full. Free some space, then try again.</source>
      <translation>磁盘已满。请释放空间后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="61" />
      <source>The local database is busy. Try again in a moment.</source>
      <translation>本地数据库正忙，请稍后重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="62" />
      <source>The local database is damaged. FieldSales can move it aside and download your data again from the server.</source>
      <translation>本地数据库已损坏。FieldSales 可以将其移到一边，并从服务器重新下载您的数据。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="64" />
      <source>The local database is read-only. Check the folder's permissions.</source>
      <translation>本地数据库为只读，请检查文件夹权限。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="65" />
      <source>Could not save to the local database. Try again.</source>
      <translation>无法保存到本地数据库，请重试。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="69" />
      <source>Something went wrong ({code}).</source>
      <translation>出错了（{code}）。</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="79" />
      <source>FieldSales</source>
      <translation>FieldSales 销售助手</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="90" />
      <source>FieldSales: unexpected error</source>
      <translation>FieldSales：意外错误</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="91" />
      <source>Something unexpected went wrong. Your data is safe; the last action may not have been saved. Please send the details to support.</source>
      <translation>发生了意外错误。您的数据是安全的，但上一步操作可能未保存。请将详细信息发送给技术支持。</translation>
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
      <location filename="../../ui/format.py" line="59" />
      <source>never</source>
      <translation>从未</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../ui/labels.py" line="25" />
      <source>Strategic</source>
      <translation>战略</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="26" />
      <source>Key</source>
      <translation>重点</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="27" />
      <source>Normal</source>
      <translation>普通</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="33" />
      <source>Prospect</source>
      <translation>潜在客户</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="34" />
      <source>Interested</source>
      <translation>有意向</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="35" />
      <location filename="../../ui/labels.py" line="160" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="36" />
      <source>Loyal</source>
      <translation>忠诚客户</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="37" />
      <source>Dormant</source>
      <translation>沉睡</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="43" />
      <source>Manufacturing</source>
      <translation>制造业</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="44" />
      <source>Electronics</source>
      <translation>电子</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="45" />
      <source>Software</source>
      <translation>软件</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="46" />
      <source>Retail</source>
      <translation>零售</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="47" />
      <source>Logistics</source>
      <translation>物流</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="48" />
      <source>Healthcare</source>
      <translation>医疗</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="49" />
      <source>Finance</source>
      <translation>金融</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="50" />
      <source>Education</source>
      <translation>教育</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="51" />
      <source>Energy</source>
      <translation>能源</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="52" />
      <source>Construction</source>
      <translation>建筑</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="53" />
      <source>Automotive</source>
      <translation>汽车</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="54" />
      <source>Food</source>
      <translation>食品</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="55" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="61" />
      <source>North China</source>
      <translation>华北</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="62" />
      <source>East China</source>
      <translation>华东</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="63" />
      <source>South China</source>
      <translation>华南</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="64" />
      <source>Central China</source>
      <translation>华中</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="65" />
      <source>Southwest China</source>
      <translation>西南</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="66" />
      <source>Northwest China</source>
      <translation>西北</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="67" />
      <source>Northeast China</source>
      <translation>东北</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="68" />
      <source>North America</source>
      <translation>北美</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="69" />
      <source>Europe</source>
      <translation>欧洲</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="70" />
      <source>Asia Pacific</source>
      <translation>亚太</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="71" />
      <source>Other region</source>
      <translation>其他区域</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="77" />
      <source>Trade show</source>
      <translation>展会</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="78" />
      <source>Referral</source>
      <translation>转介绍</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="79" />
      <location filename="../../ui/labels.py" line="144" />
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="80" />
      <source>Cold call</source>
      <translation>陌生拜访</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="81" />
      <source>Card scan</source>
      <translation>名片扫描</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="82" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="83" />
      <source>Entered by hand</source>
      <translation>手工录入</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="89" />
      <source>Prospecting</source>
      <translation>初步接触</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="90" />
      <source>Qualified</source>
      <translation>已确认需求</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="91" />
      <source>Proposal</source>
      <translation>方案</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="92" />
      <source>Negotiation</source>
      <translation>谈判</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="93" />
      <source>Won</source>
      <translation>赢单</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="94" />
      <source>Lost</source>
      <translation>输单</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="100" />
      <source>Price too high</source>
      <translation>价格太高</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="101" />
      <source>Went with a competitor</source>
      <translation>选择了竞争对手</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="102" />
      <source>No budget</source>
      <translation>没有预算</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="103" />
      <source>No decision made</source>
      <translation>未做决定</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="104" />
      <source>Bad timing</source>
      <translation>时机不对</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="105" />
      <source>Product not a fit</source>
      <translation>产品不匹配</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="106" />
      <source>Other reason</source>
      <translation>其他原因</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="112" />
      <source>Call</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="113" />
      <source>Visit</source>
      <translation>拜访</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="114" />
      <source>Meeting</source>
      <translation>会议</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="115" />
      <source>Email</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="116" />
      <source>WeChat</source>
      <translation>微信</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="117" />
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="118" />
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="124" />
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="125" />
      <source>Waiting for approval</source>
      <translation>待审批</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="126" />
      <source>Approved</source>
      <translation>已批准</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="127" />
      <source>Sent</source>
      <translation>已发送</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="128" />
      <source>Accepted</source>
      <translation>已接受</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="129" />
      <source>Rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="130" />
      <source>Expired</source>
      <translation>已过期</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="136" />
      <source>Company name</source>
      <translation>公司名称</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="137" />
      <source>Short name</source>
      <translation>简称</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="138" />
      <source>Industry</source>
      <translation>行业</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="139" />
      <source>Region</source>
      <translation>区域</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="140" />
      <source>Source</source>
      <translation>来源</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="141" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="142" />
      <source>Lifecycle stage</source>
      <translation>生命周期阶段</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="143" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="145" />
      <source>Credit code</source>
      <translation>信用代码</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="146" />
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="147" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="148" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="149" />
      <source>Title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="150" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="151" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="152" />
      <source>Subject</source>
      <translation>主题</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="153" />
      <source>Outcome</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="154" />
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="161" />
      <source>Contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="162" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="163" />
      <source>Activity</source>
      <translation>活动</translation>
    </message>
    <message>
      <location filename="../../ui/labels.py" line="164" />
      <source>Quote</source>
      <translation>报价单</translation>
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
      <location filename="../../ui/widgets/shell.py" line="67" />
      <source>FieldSales</source>
      <translation>FieldSales 销售助手</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="98" />
      <source>Navigation</source>
      <translation>导航</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="99" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="99" />
      <source>Customers</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="100" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="100" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="101" />
      <source>Products</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="101" />
      <source>Scan cards</source>
      <translation>扫描名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="102" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="128" />
      <source>Search customers, contacts, quotes…   Ctrl+K</source>
      <translation>搜索客户、联系人、报价单…   Ctrl+K</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="131" />
      <source>New customer</source>
      <translation>新建客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="137" />
      <source>Switch language</source>
      <translation>切换语言</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="174" />
      <source>Sync now</source>
      <translation>立即同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="185" />
      <source>Syncing…</source>
      <translation>正在同步…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="277" />
      <source>Online</source>
      <translation>在线</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="277" />
      <source>Offline — working on this laptop</source>
      <translation>离线 — 正在本机工作</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="282" />
      <source>{n} changes waiting to sync</source>
      <translation>{n} 项更改待同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="283" />
      <source>All changes synced</source>
      <translation>所有更改已同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="285" />
      <source>{n} conflicts</source>
      <translation>{n} 个冲突</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="291" />
      <source>Never synced</source>
      <translation>从未同步</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="292" />
      <source>Last sync {when}</source>
      <translation>上次同步：{when}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="295" />
      <source>Syncing… {phase} {done}/{total}</source>
      <translation>正在同步… {phase} {done}/{total}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/shell.py" line="303" />
      <source>Sync failed: {reason}</source>
      <translation>同步失败：{reason}</translation>
    </message>
  </context>
  <context>
    <name>PipelineView</name>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="227" />
      <source>Opportunities</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="232" />
      <source>Board</source>
      <translation>看板</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="233" />
      <source>List</source>
      <translation>列表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="256" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="256" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="257" />
      <source>Stage</source>
      <translation>阶段</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="257" />
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="258" />
      <source>Probability</source>
      <translation>赢率</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="258" />
      <source>Expected close</source>
      <translation>预计成交</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="297" />
      <source>Weighted open pipeline: {amount}</source>
      <translation>进行中商机加权金额：{amount}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="302" />
      <source>{total} · weighted {weighted}</source>
      <translation>{total} · 加权 {weighted}</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/pipeline.py" line="324" />
      <source>{n} open opportunities</source>
      <translation>{n} 个进行中商机</translation>
    </message>
  </context>
  <context>
    <name>ProductsView</name>
    <message>
      <location filename="../../ui/widgets/products.py" line="23" />
      <source>Products</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="28" />
      <source>Search SKU, name or category…</source>
      <translation>搜索货号、名称或类别…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="40" />
      <source>SKU</source>
      <translation>货号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="40" />
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="40" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="41" />
      <source>List price</source>
      <translation>标价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="41" />
      <source>Volume prices</source>
      <translation>阶梯价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="42" />
      <source>In stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/products.py" line="68" />
      <source>{n} products</source>
      <translation>{n} 个产品</translation>
    </message>
  </context>
  <context>
    <name>QuotesView</name>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="38" />
      <source>Quotes</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="39" />
      <location filename="../../ui/widgets/quotes.py" line="56" />
      <source>New quote</source>
      <translation>新建报价</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="46" />
      <source>Number</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="46" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="46" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="47" />
      <source>Total</source>
      <translation>总计</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="47" />
      <source>Issued</source>
      <translation>开具日期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="48" />
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="53" />
      <source>No quotes yet</source>
      <translation>还没有报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="54" />
      <source>Open a customer and choose New quote, or start one here. Quotes are numbered and priced offline.</source>
      <translation>打开客户并选择“新建报价”，或在这里开始。报价单可离线编号和计价。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="59" />
      <source>Quote builder</source>
      <translation>报价编辑器</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="61" />
      <source>Pick a customer, add products from the catalog (volume tiers apply automatically), set discounts and send a PDF in the customer's language. Quotes above the discount limit go to your manager for approval.</source>
      <translation>选择客户，从产品目录添加产品（自动应用阶梯价），设置折扣，并以客户的语言发送 PDF。超出折扣上限的报价需经理审批。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="68" />
      <source>The quote builder is coming in the next update</source>
      <translation>报价编辑器将在下一版本中提供</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="69" />
      <source>Until then, quotes created on another device appear in this list.</source>
      <translation>在此之前，其他设备上创建的报价单会显示在此列表中。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/quotes.py" line="70" />
      <source>Back to quotes</source>
      <translation>返回报价单</translation>
    </message>
  </context>
  <context>
    <name>ReportsView</name>
    <message>
      <location filename="../../ui/widgets/reports.py" line="62" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/reports.py" line="63" />
      <source>Pipeline funnel: deals, amount and weighted amount per stage</source>
      <translation>销售漏斗：各阶段的商机数、金额和加权金额</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/reports.py" line="64" />
      <source>Funnel</source>
      <translation>销售漏斗</translation>
    </message>
  </context>
  <context>
    <name>ScanView</name>
    <message>
      <location filename="../../ui/widgets/scan.py" line="14" />
      <source>Scan cards</source>
      <translation>扫描名片</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="15" />
      <source>Turn business cards into contacts</source>
      <translation>把名片变成联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="16" />
      <source>Drop a card photo here</source>
      <translation>将名片照片拖到这里</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="17" />
      <source>Or choose a photo from your computer. FieldSales reads Chinese and English cards offline; you check the fields before anything is saved.</source>
      <translation>或从电脑中选择照片。FieldSales 可离线识别中英文名片；保存前由您核对各字段。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="19" />
      <source>Choose photo…</source>
      <translation>选择照片…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="21" />
      <source>Card review</source>
      <translation>名片核对</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="23" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="23" />
      <source>Company</source>
      <translation>公司</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="25" />
      <source>Title</source>
      <translation>职位</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="26" />
      <source>Mobile</source>
      <translation>手机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="27" />
      <source>Email</source>
      <translation>邮箱</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/scan.py" line="33" />
      <source>Fields the reader is unsure about are highlighted for you to check.</source>
      <translation>识别不确定的字段会高亮显示，请您核对。</translation>
    </message>
  </context>
  <context>
    <name>SearchPopup</name>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="48" />
      <source>Search customers, contacts, opportunities, quotes…</source>
      <translation>搜索客户、联系人、商机、报价单…</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="54" />
      <source>Global search</source>
      <translation>全局搜索</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="57" />
      <source>Type at least one character. ↑↓ to move, Enter to open, Esc to close.</source>
      <translation>请至少输入一个字符。↑↓ 移动，回车打开，Esc 关闭。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="116" />
      <source>Customer</source>
      <translation>客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="116" />
      <source>Contact</source>
      <translation>联系人</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="117" />
      <source>Opportunity</source>
      <translation>商机</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="117" />
      <source>Quote</source>
      <translation>报价单</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="131" />
      <source>{n} results</source>
      <translation>{n} 个结果</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="133" />
      <source>Nothing found. Try part of a name, a phone number or a quote number.</source>
      <translation>未找到结果。试试名称的一部分、电话号码或报价单号。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/search_popup.py" line="135" />
      <source>Type at least one character.</source>
      <translation>请至少输入一个字符。</translation>
    </message>
  </context>
  <context>
    <name>TodayView</name>
    <message>
      <location filename="../../ui/widgets/today.py" line="79" />
      <source>Today</source>
      <translation>今天</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="81" />
      <source>Overdue follow-ups</source>
      <translation>逾期跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="82" />
      <source>Due today</source>
      <translation>今天到期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="83" />
      <source>High-value, not yet followed up</source>
      <translation>高价值客户未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="84" />
      <source>Customers quiet for 3+ days</source>
      <translation>超过 3 天未跟进的客户</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="90" />
      <location filename="../../ui/widgets/today.py" line="93" />
      <source>Follow-ups due</source>
      <translation>待跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="94" />
      <source>You're all caught up</source>
      <translation>全部跟进完毕</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="95" />
      <source>No follow-ups are due. Plan your next calls from the reminders on the right.</source>
      <translation>没有到期的跟进。可以根据右侧的提醒安排下一步拜访。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="99" />
      <location filename="../../ui/widgets/today.py" line="102" />
      <source>Reminders</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="103" />
      <source>No reminders</source>
      <translation>没有提醒</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="104" />
      <source>Every customer has been followed up on time.</source>
      <translation>所有客户都已按时跟进。</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="152" />
      <source>overdue {when}</source>
      <translation>已逾期（{when}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="152" />
      <source>due {when}</source>
      <translation>{when}到期</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="174" />
      <source>High-value: no follow-up within 24 h (assigned {when})</source>
      <translation>高价值客户：24 小时内未跟进（分配于{when}）</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="177" />
      <source>Quote {number} sent {when}, no answer yet</source>
      <translation>报价单 {number} 已于{when}发出，尚无回复</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="179" />
      <source>Not followed up since {when}</source>
      <translation>自{when}起未跟进</translation>
    </message>
    <message>
      <location filename="../../ui/widgets/today.py" line="183" />
      <source>Log follow-up</source>
      <translation>记录跟进</translation>
    </message>
  </context>
</TS>