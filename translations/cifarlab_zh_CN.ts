<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>cifarlab::ArchitectureDiagram</name>
    <message>
        <location filename="../ui/architecture_diagram.cpp" line="+239"/>
        <source>Architecture diagram</source>
        <translation>架构图</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fully connected</source>
        <translation>全连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activation</source>
        <translation>激活</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reshape / dropout</source>
        <translation>变形 / Dropout</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>grayscale</source>
        <translation>灰度</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n classes</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 params</source>
        <translation>%1 参数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 MACs</source>
        <translation>%1 MACs</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+606"/>
        <source>%1 parameters</source>
        <translation>%1 参数</translation>
    </message>
    <message>
        <location line="-603"/>
        <source>%1 MACs per image</source>
        <translation>每张图像 %1 MACs</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n blocks</source>
        <translation>
            <numerusform>%n 个模块</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n layers</source>
        <translation>
            <numerusform>%n 层</numerusform>
        </translation>
    </message>
    <message>
        <location line="+289"/>
        <location line="+337"/>
        <source>No architecture selected</source>
        <translation>未选择架构</translation>
    </message>
    <message>
        <location line="-332"/>
        <source>Choose an architecture to see its blocks, output shapes, parameters and multiply-adds.</source>
        <translation>选择一个架构，查看其模块、输出形状、参数量和乘加运算量。</translation>
    </message>
    <message>
        <location line="+92"/>
        <location line="+121"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="-121"/>
        <location line="+124"/>
        <location line="+16"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 parameters, %2 MACs</source>
        <translation>%1 参数，%2 MACs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Block %1 of %2: %3</source>
        <translation>第 %1 块（共 %2 块）：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>shortcut: %1</source>
        <translation>捷径连接：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output %1</source>
        <translation>输出 %1</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Block diagram of %1</source>
        <translation>%1 的结构框图</translation>
    </message>
</context>
<context>
    <name>cifarlab::AugmentationPreview</name>
    <message>
        <location filename="../ui/augmentation_preview.cpp" line="+33"/>
        <source>Training images as the recipe augments them</source>
        <translation>配方增强后的训练图像</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New Draw</source>
        <translation>重新抽取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw new random augmentations of the same images.</source>
        <translation>为相同的图像重新抽取随机增强。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other Images</source>
        <translation>其他图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show other training images.</source>
        <translation>显示其他训练图像。</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Open a dataset to see its training images as the recipe augments them.</source>
        <translation>打开数据集，查看配方增强后的训练图像。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>random crop shifting up to %1 px (black borders)</source>
        <translation>随机裁剪，最多平移 %1 像素（黑色边缘）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shift up to %1 px (mirrored borders)</source>
        <translation>最多平移 %1 像素（镜像边缘）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>random mirror</source>
        <translation>随机镜像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mirrored in every other epoch</source>
        <translation>每隔一个轮次镜像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a %1 px square erased</source>
        <translation>擦除一个 %1 像素的方块</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rotation up to 15 degrees</source>
        <translation>最多旋转 15 度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>perspective distortion</source>
        <translation>透视变形</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This recipe trains on the images as they are: no augmentation.</source>
        <translation>此配方直接使用原始图像训练：没有增强。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What this recipe trains on: %1. Left, the image as stored; then one draw per epoch.</source>
        <translation>此配方的训练输入：%1。左侧为存储的图像，其后每个轮次一次抽取。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>as stored</source>
        <translation>原图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>epoch %1</source>
        <translation>轮次 %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::ClassifyDialog</name>
    <message>
        <location filename="../ui/classify_dialog.cpp" line="+97"/>
        <source>Classify Images</source>
        <translation>分类图像</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Crop the centre</source>
        <translation>裁剪中心</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Squash the whole image</source>
        <translation>压缩整幅图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pad with the mean colour</source>
        <translation>用平均颜色填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How an image of another size becomes the network&apos;s input size.</source>
        <translation>如何将其他尺寸的图像变为网络的输入尺寸。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit:</source>
        <translation>适配(&amp;F):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folder says</source>
        <translation>文件夹标注</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Classified images</source>
        <translation>已分类的图像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop image files or folders here, or add them with the buttons below.
Each image is fitted to the network&apos;s %1 x %2 input; an image in a folder named after a class (such as cat/photo.jpg) is also scored against it.</source>
        <translation>将图像文件或文件夹拖放到此处，或用下方的按钮添加。
每幅图像都会适配到网络的 %1 x %2 输入；位于以类别命名的文件夹中的图像（如 cat/photo.jpg）还会与该类别对照评分。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>What the network saw</source>
        <translation>网络看到的内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Where the network looked (Grad-CAM)</source>
        <translation>网络关注的位置（Grad-CAM）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Add &amp;Images...</source>
        <translation>添加图像(&amp;I)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add F&amp;older...</source>
        <translation>添加文件夹(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CSV...</source>
        <translation>导出 CSV(&amp;E)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add Images</source>
        <translation>添加图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff *.ppm *.pgm *.pbm *.pnm);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff *.ppm *.pgm *.pbm *.pnm);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Cannot classify: %1</source>
        <translation>无法分类：%1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 (right)</source>
        <translation>%1（正确）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (wrong)</source>
        <translation>%1（错误）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 x %2, as the network takes it</source>
        <translation>%1 x %2，与网络输入一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 x %2, centre cropped to %3 x %4</source>
        <translation>%1 x %2，中心裁剪为 %3 x %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 x %2, squashed to %3 x %4</source>
        <translation>%1 x %2，压缩为 %3 x %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 x %2, padded to %3 x %4</source>
        <translation>%1 x %2，填充为 %3 x %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (%2): right, as its folder says.</source>
        <translation>%1（%2）：正确，与其文件夹一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2): wrong, its folder says %3.</source>
        <translation>%1（%2）：错误，其文件夹为 %3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Computing the map...</source>
        <translation>正在计算热力图...</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Layer %1 (%2 x %3).</source>
        <translation>层 %1（%2 x %3）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in the image raises the score of %1: the network decided by what is absent.</source>
        <translation>图像中没有任何内容提高 %1 的得分：网络是根据缺失的内容做出判断的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bright: evidence for %1.</source>
        <translation>亮处：支持 %1 的证据。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No map: %1</source>
        <translation>无热力图：%1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>1 image classified</source>
        <translation>已分类 1 幅图像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 images classified</source>
        <translation>已分类 %1 幅图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 unreadable</source>
        <translation>1 幅无法读取</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 unreadable</source>
        <translation>%1 幅无法读取</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 in folders named after a class: %2 right (%3)</source>
        <translation>%1 幅位于以类别命名的文件夹中：%2 幅正确（%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classifying...</source>
        <translation>正在分类...</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>cifarlab::CompareTab</name>
    <message>
        <location filename="../ui/compare_tab.cpp" line="+125"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model (MB)</source>
        <translation>模型 (MB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model (bytes)</source>
        <translation>模型（字节）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time (s)</source>
        <translation>用时（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to 50%</source>
        <translation>达到 50% 所需秒数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to 80%</source>
        <translation>达到 80% 所需秒数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds to 90%</source>
        <translation>达到 90% 所需秒数</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>Numbers per run</source>
        <translation>各运行的数值</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Click a header to sort. Ctrl+C copies the selected cells (with full precision) as tab-separated text for a spreadsheet.</source>
        <translation>点击表头可排序。Ctrl+C 会将所选单元格（保留全部精度）复制为制表符分隔的文本，便于粘贴到电子表格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+590"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="-524"/>
        <source>&amp;Export Chart...</source>
        <translation>导出图表(&amp;E)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the chart as PNG (choose the resolution), SVG or PDF</source>
        <translation>将图表保存为 PNG（可选择分辨率）、SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport Data...</source>
        <translation>导出数据(&amp;X)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the numbers per run and the metrics per epoch as two CSV files</source>
        <translation>将各运行的数值和每个轮次的指标保存为两个 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Confi&amp;gs...</source>
        <translation>导出配置(&amp;G)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every run&apos;s full training configuration as one JSON file</source>
        <translation>将每次运行的完整训练配置保存为一个 JSON 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Report</source>
        <translation>报告(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A report with a summary table, every chart and per run its curves and confusion matrix</source>
        <translation>包含汇总表、所有图表以及每次运行的曲线和混淆矩阵的报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF Report...</source>
        <translation>PDF 报告...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML Report (Folder)...</source>
        <translation>HTML 报告（文件夹）...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chart&amp;s</source>
        <translation>图表(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time to accuracy: the test accuracy each run has to reach</source>
        <translation>达到准确率所需时间：每次运行需要达到的测试准确率</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run A of the pair: the ablation chart, the difference confusion (B - A), the differing settings and the images A gets right and B gets wrong</source>
        <translation>配对中的运行 A：用于消融图、差异混淆矩阵（B - A）、不同的设置，以及 A 分类正确而 B 分类错误的图像</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run B of the pair</source>
        <translation>配对中的运行 B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;wap A and B</source>
        <translation>交换 A 和 B(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange runs A and B</source>
        <translation>交换运行 A 和 B</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Thresh&amp;old:</source>
        <translation>阈值(&amp;O):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;un A:</source>
        <translation>运行 A(&amp;U):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ru&amp;n B:</source>
        <translation>运行 B(&amp;N):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings that differ</source>
        <translation>不同的设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Settings that differ between runs A and B</source>
        <translation>运行 A 和 B 之间不同的设置</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+303"/>
        <location line="+9"/>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-312"/>
        <location line="+303"/>
        <location line="+9"/>
        <location line="+169"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="-481"/>
        <location line="+303"/>
        <location line="+9"/>
        <location line="+169"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="-456"/>
        <source>Test images run A gets right and run B gets wrong</source>
        <translation>运行 A 分类正确而运行 B 分类错误的测试图像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test images every selected run gets wrong</source>
        <translation>所有选中运行都分类错误的测试图像</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The run history is unavailable.</source>
        <translation>运行历史不可用。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>1 epoch</source>
        <translation>1 个轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 epochs</source>
        <translation>%1 个轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 on %2, %3</source>
        <translation>%2 上的 %1，%3</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Select runs in the Runs dock first.</source>
        <translation>请先在“运行记录”面板中选择运行。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot compare these runs: %1</source>
        <translation>无法比较这些运行：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select runs in the Runs dock (Ctrl+click or Shift+click for several), then press Ctrl+K to compare them here.</source>
        <translation>在“运行记录”面板中选择运行（按住 Ctrl 或 Shift 单击可多选），然后按 Ctrl+K 在此处进行比较。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select two runs or more to pair them.</source>
        <translation>选择两个或更多运行以进行配对。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A and B are the same run; pick two different runs.</source>
        <translation>A 和 B 是同一次运行；请选择两个不同的运行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A and B were trained with the same settings.</source>
        <translation>A 和 B 使用相同的设置训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One setting differs between A and B.</source>
        <translation>A 和 B 之间有 1 项设置不同。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 settings differ between A and B.</source>
        <translation>A 和 B 之间有 %1 项设置不同。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Right in A, wrong in B</source>
        <translation>A 中正确，B 中错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+96"/>
        <source>Wrong in every run</source>
        <translation>所有运行中均错误</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Images (%1 · %2)</source>
        <translation>图像（%1 · %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select runs to see the test images they disagree on.</source>
        <translation>选择运行以查看它们结果不一致的测试图像。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run %1 recorded no per-image predictions, so its images cannot be compared.</source>
        <translation>运行 %1 没有记录逐图像的预测结果，因此无法比较其图像。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the runs&apos; dataset (%1) to see the test images they disagree on.</source>
        <translation>打开这些运行使用的数据集（%1）以查看它们结果不一致的测试图像。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The open dataset (%1) is not the one these runs were trained on (%2): open it to see their images.</source>
        <translation>当前打开的数据集（%1）不是这些运行训练时使用的数据集（%2）：请打开后者以查看其图像。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Test image %1, a %2</source>
        <translation>测试图像 %1，类别为 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1%2: %3</source>
        <translation>%1%2：%3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: 1 image</source>
        <translation>%1：1 张图像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2 images</source>
        <translation>%1：%2 张图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the first %1 shown)</source>
        <translation> (仅显示前 %1 张)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Right in A (%1), wrong in B (%2)</source>
        <translation>A（%1）中正确，B（%2）中错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Right in A, wrong in B: pick two different runs</source>
        <translation>A 中正确，B 中错误：请选择两个不同的运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong in this run</source>
        <translation>本次运行中错误</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot compare the selected runs</source>
        <translation>无法比较所选运行</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No runs selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select runs in the Runs dock below (Ctrl+click or Shift+click for several).</source>
        <translation>请在下方的“运行记录”面板中选择运行（按住 Ctrl 或 Shift 单击可多选）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One run</source>
        <translation>1 次运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comparing %1 runs</source>
        <translation>比较 %1 次运行</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>on %1</source>
        <translation>数据集：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>best: %1 with %2% test accuracy</source>
        <translation>最佳：%1，测试准确率 %2%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>still training: %1 (updates as epochs finish)</source>
        <translation>仍在训练：%1（每个轮次结束后更新）</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Copied the selected cells</source>
        <translation>已复制所选单元格</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <location line="+19"/>
        <location line="+10"/>
        <location line="+10"/>
        <source>No runs to compare.</source>
        <translation>没有可比较的运行。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>PNG Resolution</source>
        <translation>PNG 分辨率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dots per inch (96 for screens, 300 or more for print):</source>
        <translation>每英寸点数（屏幕用 96，打印用 300 或更高）:</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+18"/>
        <location line="+17"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+35"/>
        <location line="+20"/>
        <location line="+20"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Export Data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved %1 and %2</source>
        <translation>已保存 %1 和 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export Configurations</source>
        <translation>导出配置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>PDF Report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+20"/>
        <source>Report failed</source>
        <translation>报告生成失败</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>HTML Report: Choose a Folder</source>
        <translation>HTML 报告：选择文件夹</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not create %1</source>
        <translation>无法创建 %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::ComparisonChartView</name>
    <message>
        <location line="-1133"/>
        <source>Comparison chart</source>
        <translation>比较图表</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Comparison chart: %1</source>
        <translation>比较图表：%1</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Runs: %1</source>
        <translation>运行：%1</translation>
    </message>
</context>
<context>
    <name>cifarlab::ComparisonCharts</name>
    <message>
        <location filename="../ui/comparison_charts.cpp" line="+690"/>
        <source>1 run</source>
        <translation>1 次运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 runs</source>
        <translation>%1 次运行</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>created %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CifarLab %1</source>
        <translation>CifarLab %1</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Share of images classified correctly; best = highest of any epoch</source>
        <translation>正确分类的图像比例；最佳 = 所有轮次中的最高值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 run without epochs left out</source>
        <translation>已略去 1 次没有轮次的运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 runs without epochs left out</source>
        <translation>已略去 %1 次没有轮次的运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final and best accuracy</source>
        <translation>最终与最佳准确率</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+692"/>
        <source>Final train</source>
        <translation>最终训练</translation>
    </message>
    <message>
        <location line="-692"/>
        <source>Best train</source>
        <translation>最佳训练</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+691"/>
        <source>Final test</source>
        <translation>最终测试</translation>
    </message>
    <message>
        <location line="-691"/>
        <source>Best test</source>
        <translation>最佳测试</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+283"/>
        <source>Accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Model size and parameters</source>
        <translation>模型大小与参数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size of the saved weights (parameters and buffers); trainable parameter count</source>
        <translation>已保存权重的大小（参数和缓冲区）；可训练参数数量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model size (MB)</source>
        <translation>模型大小 (MB)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trainable parameters (millions)</source>
        <translation>可训练参数（百万）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trainable parameters (thousands)</source>
        <translation>可训练参数（千）</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+531"/>
        <location line="+281"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location line="-807"/>
        <location line="+9"/>
        <location line="+52"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+782"/>
        <source>%1 M</source>
        <translation>%1 M</translation>
    </message>
    <message>
        <location line="-782"/>
        <location line="+784"/>
        <source>%1 K</source>
        <translation>%1 K</translation>
    </message>
    <message>
        <location line="-770"/>
        <source>Time to accuracy and throughput</source>
        <translation>达到准确率所需时间与吞吐量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time until the test accuracy first reached %1; training images per second</source>
        <translation>测试准确率首次达到 %1 所用的时间；每秒训练图像数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time to %1 test accuracy (seconds)</source>
        <translation>达到 %1 测试准确率所需时间（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time to %1 test accuracy (hours)</source>
        <translation>达到 %1 测试准确率所需时间（小时）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time to %1 test accuracy (minutes)</source>
        <translation>达到 %1 测试准确率所需时间（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training throughput (images/s)</source>
        <translation>训练吞吐量（图像/秒）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not reached (best %1)</source>
        <translation>未达到（最佳 %1）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Cross-entropy loss (log scale)</source>
        <translation>交叉熵损失（对数刻度）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cross-entropy loss</source>
        <translation>交叉熵损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+139"/>
        <location line="+962"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="-1100"/>
        <location line="+139"/>
        <location line="+962"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-1094"/>
        <source>Accuracy by epoch</source>
        <translation>各轮次准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Loss by epoch</source>
        <translation>各轮次损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test accuracy (solid) and training accuracy (dashed) after each epoch</source>
        <translation>每个轮次结束后的测试准确率（实线）和训练准确率（虚线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test loss (solid) and training loss (dashed) after each epoch</source>
        <translation>每个轮次结束后的测试损失（实线）和训练损失（虚线）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Final test accuracy against training length</source>
        <translation>最终测试准确率与训练轮数的关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One point per run (labelled with its id); lines join runs of the same architecture</source>
        <translation>每次运行一个点（标注其 ID）；连线连接同一架构的运行</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Training length (epochs)</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final test accuracy (%)</source>
        <translation>最终测试准确率 (%)</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Ablation: %1 vs %2</source>
        <translation>消融：%1 对比 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final test accuracy %1 %2 %3 (%4 points)</source>
        <translation>最终测试准确率 %1 %2 %3（%4 个百分点）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no setting differs</source>
        <translation>没有不同的设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed settings (A %1 B):</source>
        <translation>更改的设置（A %1 B）:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>+%1 more</source>
        <translation>另有 %1 项</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Confusion difference: %1 %2 %3</source>
        <translation>混淆差异：%1 %2 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test images per cell, B minus A at each run&apos;s last epoch; A %1, B %2</source>
        <translation>每个单元格的测试图像数，B 减 A（各取最后一个轮次）；A %1，B %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>B better: more right (diagonal), fewer mistakes (elsewhere)</source>
        <translation>B 更好：正确更多（对角线），错误更少（其他位置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B worse than A</source>
        <translation>B 比 A 差</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Test confusion matrix</source>
        <translation>测试集混淆矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch %1; cells are the share of each true class (row)</source>
        <translation>第 %1 轮；单元格为各真实类别（行）中的占比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No confusion matrix recorded.</source>
        <translation>未记录混淆矩阵。</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+42"/>
        <location line="+42"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best test (epoch)</source>
        <translation>最佳测试（轮次）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time to 80%</source>
        <translation>达到 80% 用时</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>not reached</source>
        <translation>未达到</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 %2 %3: %4 of %5</source>
        <translation>%1 %2 %3：%4 / %5</translation>
    </message>
    <message>
        <location line="+217"/>
        <source>%1 G</source>
        <translation>%1 G</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Architecture: %1</source>
        <translation>架构：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Architecture: %1 (%2)</source>
        <translation>架构：%1（%2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input: %1 (assumed), %2 classes</source>
        <translation>输入：%1（假定），%2 个类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Input: %1, %2 classes</source>
        <translation>输入：%1，%2 个类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trainable parameters: %1</source>
        <translation>可训练参数：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size: %1</source>
        <translation>大小：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply-adds per image: %1</source>
        <translation>每张图像的乘加运算：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layers: %1 (%2 convolutions, %3 fully connected)</source>
        <translation>层数：%1（%2 个卷积层，%3 个全连接层）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply-adds and layers: unavailable for this architecture</source>
        <translation>乘加运算与层数：此架构不可用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Optimizer: %1, lr %2, weight decay %3</source>
        <translation>优化器：%1，学习率 %2，权重衰减 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, momentum %1%2</source>
        <translation>，动量 %1%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (Nesterov)</source>
        <translation> (Nesterov)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; filters: Muon, lr %1, momentum %2</source>
        <translation>；卷积核：Muon，学习率 %1，动量 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule: %1, %2 epochs, batch size %3</source>
        <translation>学习率调度：%1，%2 个轮次，批大小 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Augmentation: %1; label smoothing %2</source>
        <translation>数据增强：%1；标签平滑 %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preprocessing: %1; precision %2</source>
        <translation>预处理：%1；数值精度 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wall time %1, %2 images/s</source>
        <translation>用时 %1，%2 张图像/秒</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>CifarLab %1 %2 run comparison</source>
        <translation>CifarLab %1 %2 运行比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model size</source>
        <translation>模型大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy curves</source>
        <translation>准确率曲线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss curves</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy vs. training length</source>
        <translation>准确率与训练轮数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time to accuracy</source>
        <translation>达到准确率所需时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ablation</source>
        <translation>消融</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confusion difference</source>
        <translation>混淆差异</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No runs to compare.</source>
        <translation>没有可比较的运行。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>None of the runs has finished an epoch yet.</source>
        <translation>尚无运行完成过一个轮次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No run has recorded its model size yet.</source>
        <translation>尚无运行记录模型大小。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Needs runs of at least two different training lengths.</source>
        <translation>需要至少两种不同训练轮数的运行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Needs two runs to compare.</source>
        <translation>需要两次运行才能比较。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs A and B must be two different runs of the comparison.</source>
        <translation>运行 A 和 B 必须是此次比较中两个不同的运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1 has no epochs yet.</source>
        <translation>运行 %1 尚无轮次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runs %1 and %2 were trained on different classes.</source>
        <translation>运行 %1 和 %2 基于不同的类别训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1 has no test confusion matrix.</source>
        <translation>运行 %1 没有测试集混淆矩阵。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>chart size %1x%2 is too small</source>
        <translation>图表尺寸 %1x%2 太小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolution %1 dpi is out of range (24 to 2400)</source>
        <translation>分辨率 %1 dpi 超出范围（24 到 2400）</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Run comparison by CifarLab %1</source>
        <translation>由 CifarLab %1 生成的运行比较</translation>
    </message>
    <message>
        <location line="+82"/>
        <location line="+121"/>
        <source>Most confused pairs (test images, last epoch)</source>
        <translation>最易混淆的类别对（测试图像，最后一个轮次）</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Learning-rate finder</source>
        <translation>学习率查找器</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>valley</source>
        <translation>谷值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steepest</source>
        <translation>最陡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>minimum %1 10</source>
        <translation>最小值 %1 10</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No batches recorded yet.</source>
        <translation>尚未记录任何批次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One batch recorded so far.</source>
        <translation>目前只记录了一个批次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>loss per batch</source>
        <translation>每批次损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>smoothed loss</source>
        <translation>平滑损失</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Learning rate (log scale)</source>
        <translation>学习率（对数刻度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Learning-rate finder by CifarLab %1</source>
        <translation>CifarLab %1 学习率查找器</translation>
    </message>
    <message>
        <location line="-407"/>
        <location line="+13"/>
        <location line="+3"/>
        <location line="+64"/>
        <location line="+114"/>
        <source>cannot write the file</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>unsupported format &apos;%1&apos; (expected .png, .svg or .pdf)</source>
        <translation>不支持的格式“%1”（应为 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1x%2 pixels is too large an image</source>
        <translation>%1x%2 像素的图像过大</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot paint the image</source>
        <translation>无法绘制图像</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>no runs to report</source>
        <translation>没有可生成报告的运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+149"/>
        <source>CifarLab run comparison</source>
        <translation>CifarLab 运行比较</translation>
    </message>
    <message>
        <location line="-120"/>
        <location line="+132"/>
        <source>Run comparison</source>
        <translation>运行比较</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>%1 (continued)</source>
        <translation>%1（续）</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+117"/>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <location line="-116"/>
        <location line="+119"/>
        <source>Settings that differ</source>
        <translation>不同的设置</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>1 epoch</source>
        <translation>1 个轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 epochs</source>
        <translation>%1 个轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 on %2, %3, %4</source>
        <translation>%2 上的 %1，%3，%4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; final test accuracy %1, best %2 (epoch %3)</source>
        <translation>；最终测试准确率 %1，最佳 %2（第 %3 轮）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No epochs recorded.</source>
        <translation>未记录轮次。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot create the folder</source>
        <translation>无法创建文件夹</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Charts that do not apply to these runs:</source>
        <translation>不适用于这些运行的图表:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one row per run</source>
        <translation>每次运行一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one row per run and epoch</source>
        <translation>每次运行的每个轮次一行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every run&apos;s training settings</source>
        <translation>每次运行的训练设置</translation>
    </message>
</context>
<context>
    <name>cifarlab::ConfigPanel</name>
    <message>
        <location filename="../ui/config_panel.cpp" line="+92"/>
        <source>seed: the original study (SGD 0.001, batch 4)</source>
        <translation>seed：原始研究（SGD 0.001，批大小 4）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>standard: one-cycle SGD, crop+flip, bf16</source>
        <translation>standard：one-cycle SGD，裁剪+翻转，bf16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quick: 3 epochs for a first look</source>
        <translation>quick：3 个轮次，快速预览</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A named recipe fills in every field below; editing a field makes it custom.</source>
        <translation>选择命名配方会填充下方所有字段；修改任一字段后即变为自定义。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>automatic (architecture-id)</source>
        <translation>自动（架构-ID）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the run in the Runs list; leave empty for an automatic name.</source>
        <translation>在“运行记录”列表中显示的名称；留空则自动命名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preset:</source>
        <translation>预设:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run name:</source>
        <translation>运行名称:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optimization</source>
        <translation>优化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Passes over the training set; a fraction trains a partial last epoch.</source>
        <translation>遍历训练集的次数；小数部分表示最后一个轮次只训练一部分。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Images per optimizer step.</source>
        <translation>每个优化器步骤使用的图像数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muon (filters) + SGD</source>
        <translation>Muon（卷积核）+ SGD</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Peak learning rate (the schedule scales it).</source>
        <translation>峰值学习率（由学习率调度进行缩放）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SGD momentum, or AdamW&apos;s beta1.</source>
        <translation>SGD 的动量，或 AdamW 的 beta1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nesterov momentum (SGD only).</source>
        <translation>Nesterov 动量（仅限 SGD）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 penalty (decoupled for AdamW).</source>
        <translation>L2 惩罚项（AdamW 使用解耦形式）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one-cycle (warm-up, cosine down)</source>
        <translation>one-cycle（先预热，再余弦下降）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>triangular (linear up, linear down)</source>
        <translation>三角形（线性上升，线性下降）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>step (multiplied at milestones)</source>
        <translation>阶梯（在里程碑处相乘）</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>fast: airbench with Muon, about 91% in minutes (use with airbench)</source>
        <translation>fast：airbench 配合 Muon，几分钟内约 91%（与 airbench 一起使用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>airbench94: the paper&apos;s SGD recipe (use with airbench)</source>
        <translation>airbench94：论文中的 SGD 配方（与 airbench 一起使用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>best: a pair of wider airbench nets, trained longer</source>
        <translation>best：两个更宽的 airbench 网络，训练更久</translation>
    </message>
    <message>
        <location line="+18"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes the run may take. At the end of each epoch, fewer epochs are scheduled if the ones above would not end in time at that pace (and more again, up to the ones above, when a later epoch runs faster); the schedule stretches to the new length.</source>
        <translation>本次运行可用的分钟数。每个轮次结束时，如果按当前速度上面设定的轮次无法按时完成，就改为安排更少的轮次（之后的轮次变快时再增加回去，最多到上面设定的轮次），学习率计划随之调整到新的长度。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Narrow airbench to fit the budget</source>
        <translation>缩窄 airbench 以适应时间预算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>airbench only. Before training, a few steps time the network on this computer; if the epochs above would not fit the budget, airbench trains at the widest of 7/8, 3/4, 5/8 or 1/2 of its width that fits (on this data a narrower network does better than too few epochs).</source>
        <translation>仅限 airbench。训练前先用几个步骤在本机上测量网络的速度；如果上面设定的轮数在预算内完成不了，airbench 改用其宽度的 7/8、3/4、5/8 或 1/2 中能放进预算的最宽者训练（在这份数据上，较窄的网络比轮数太少效果更好）。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Share of the steps spent warming up (one-cycle and triangular).</source>
        <translation>用于预热的步数比例（one-cycle 和三角形）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spreads this share of each target over all classes.</source>
        <translation>将每个目标标签的这一比例均匀分配到所有类别。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Epochs:</source>
        <translation>轮次:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time budget:</source>
        <translation>时间预算:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch size:</source>
        <translation>批大小:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimizer:</source>
        <translation>优化器:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find...</source>
        <translation>查找...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning-rate finder: sweep the rate over a few batches with this recipe and pick it off the loss curve.</source>
        <translation>学习率查找器：用此配方在几个批次内扫描学习率，并从损失曲线上选取。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Learning rate:</source>
        <translation>学习率:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum:</source>
        <translation>动量:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay:</source>
        <translation>权重衰减:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule:</source>
        <translation>学习率调度:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up share:</source>
        <translation>预热比例:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label smoothing:</source>
        <translation>标签平滑:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random crop after zero padding</source>
        <translation>零填充后随机裁剪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random horizontal flip</source>
        <translation>随机水平翻转</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Random shift with mirrored borders (reflect padding)</source>
        <translation>随机平移，边缘镜像填充（reflect padding）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each image mirrored in every other epoch, so it is seen both ways</source>
        <translation>每张图像每隔一个轮次镜像一次，因此两个方向都能看到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase a random square (cutout)</source>
        <translation>随机擦除一个方块（cutout）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Random rotation up to 15 degrees (the study&apos;s set)</source>
        <translation>最多 15 度的随机旋转（原研究使用的增强）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random perspective distortion (the study&apos;s set)</source>
        <translation>随机透视变换（原研究使用的增强）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>crop</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>flip</source>
        <translation>翻转</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+19"/>
        <source>cutout</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>rotate</source>
        <translation>旋转</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>perspective</source>
        <translation>透视</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>translate</source>
        <translation>平移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>alternate flip</source>
        <translation>交替翻转</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Padding in pixels before the random crop.</source>
        <translation>随机裁剪前的填充宽度（像素）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Side of the erased square in pixels.</source>
        <translation>擦除方块的边长（像素）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pad</source>
        <translation>填充</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dataset mean/std</source>
        <translation>数据集均值/标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per-image standardization</source>
        <translation>逐图像标准化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How pixels are normalized; the study standardized each image.</source>
        <translation>像素的归一化方式；原研究对每张图像单独做了标准化。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Augment:</source>
        <translation>数据增强:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sizes:</source>
        <translation>尺寸:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalize:</source>
        <translation>归一化:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Runtime</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto (bf16 on this CPU)</source>
        <translation>自动（此 CPU 上为 bf16）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>auto (fp32 on this CPU)</source>
        <translation>自动（此 CPU 上为 fp32）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 autocast</source>
        <translation>bf16 autocast</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fp16 autocast (CUDA, with loss scaling)</source>
        <translation>fp16 自动混合精度（CUDA，带损失缩放）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bf16 autocast roughly doubles convolution speed on CPUs with AVX512-BF16 or AMX.</source>
        <translation>在支持 AVX512-BF16 或 AMX 的 CPU 上，bf16 autocast 可使卷积速度提高约一倍。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channels-last memory format</source>
        <translation>channels-last 内存格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NHWC tensors: faster convolutions with oneDNN.</source>
        <translation>NHWC 张量：配合 oneDNN 可加快卷积。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto (Winograd on this CPU)</source>
        <translation>自动（此 CPU 上为 Winograd）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>auto (direct on this CPU)</source>
        <translation>自动（此 CPU 上为直接卷积）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>direct (oneDNN)</source>
        <translation>直接卷积（oneDNN）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Winograd F(4x4,3x3)</source>
        <translation>Winograd F(4x4,3x3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How 3x3 convolutions are computed. Winograd&apos;s algorithm needs 4 times fewer multiply-adds but rounds more; auto uses it on CPUs with AVX2 or AVX-512 and no AMX. With AVX512-BF16 it trains airbench about 1.7 times and ResNet-18 1.4 times faster in bf16; in float32 (the default on CPUs without AVX512-BF16) it trains airbench 1.15-1.8 times and ResNet-18 1.35-1.55 times faster at batches of 256 and more, for about twice the memory. Where the first step takes the process past 3/4 of the memory limit, auto goes on with direct convolutions.</source>
        <translation>3x3 卷积的计算方式。Winograd 算法的乘加运算少 4 倍，但舍入误差更大；自动模式在支持 AVX2 或 AVX-512 且没有 AMX 的 CPU 上使用它。在支持 AVX512-BF16 的 CPU 上，bf16 下训练 airbench 约快 1.7 倍、ResNet-18 约快 1.4 倍；float32 下（不支持 AVX512-BF16 的 CPU 的默认精度，批大小 256 及以上）训练 airbench 快 1.15 至 1.8 倍、ResNet-18 快 1.35 至 1.55 倍，内存约为两倍。若第一步使进程内存超过内存上限的 3/4，自动模式改用直接卷积继续训练。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>all cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads for training; 0 uses every core.</source>
        <translation>训练使用的线程数；0 表示使用全部核心。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CUDA device %1</source>
        <translation>CUDA 设备 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the network trains.</source>
        <translation>训练网络所用的设备。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This LibTorch has no CUDA devices; training runs on the CPU.</source>
        <translation>此 LibTorch 没有可用的 CUDA 设备；训练将在 CPU 上运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data-parallel training: this many processes on this computer, each with its share of the cores and the batch size above, gradients averaged after every step.</source>
        <translation>数据并行训练：在本机上启动这么多个进程，每个进程分得一部分 CPU 核心并使用上面的批大小，每一步之后对梯度取平均。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same seed, same data and config: the same run, even after a resume.</source>
        <translation>相同的随机种子、数据和配置会得到相同的运行结果，即使中途恢复训练也一样。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision:</source>
        <translation>数值精度:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convolutions:</source>
        <translation>卷积:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threads:</source>
        <translation>线程数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device:</source>
        <translation>设备:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processes:</source>
        <translation>进程数:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>随机种子:</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The airbench recipes&apos; settings, test-time augmentation and checkpointing</source>
        <translation>airbench 配方的设置、测试时增强和检查点</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Muon: learning rate of the convolution filters (their steps are orthogonalised).</source>
        <translation>Muon：卷积滤波器的学习率（其更新步经过正交化）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Muon: momentum of the convolution filters; the other parameters use the momentum above.</source>
        <translation>Muon：卷积滤波器的动量；其他参数使用上面的动量。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Muon rate:</source>
        <translation>Muon 学习率:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Triangular schedule: first learning rate as a share of the peak.</source>
        <translation>三角形调度：初始学习率占峰值的比例。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Triangular schedule: last learning rate as a share of the peak.</source>
        <translation>三角形调度：最终学习率占峰值的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triangular from:</source>
        <translation>三角形从:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step schedule: the learning rate is multiplied by this at each milestone.</source>
        <translation>阶梯调度：在每个里程碑处学习率乘以此值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step schedule: fractions of training, ascending, separated by commas (0.5, 0.75).</source>
        <translation>阶梯调度：训练进度的比例，升序，用逗号分隔（0.5, 0.75）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step: times</source>
        <translation>阶梯：乘以</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>at</source>
        <translation>于</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean over the batch</source>
        <translation>批内平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sum over the batch (airbench)</source>
        <translation>批内求和（airbench）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A summed loss makes the gradient grow with the batch; airbench&apos;s rates expect it.</source>
        <translation>求和的损失使梯度随批大小增长；airbench 的学习率以此为前提。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss:</source>
        <translation>损失:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BatchNorm biases learn this many times faster, with the same absolute weight decay.</source>
        <translation>BatchNorm 偏置以此倍数更快学习，权重衰减的绝对值不变。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BN bias rate ×:</source>
        <translation>BN 偏置学习率 ×:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lookahead every</source>
        <translation>Lookahead 每</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pull the weights towards a slow moving average every few steps (airbench94).</source>
        <translation>每隔几步将权重拉向缓慢的滑动平均（airbench94）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First epoch with lookahead (0 = the first).</source>
        <translation>启用 lookahead 的第一个轮次（0 = 第一个）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>from epoch</source>
        <translation>从轮次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Averaging:</source>
        <translation>平均:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop the last incomplete batch of each epoch</source>
        <translation>丢弃每个轮次最后一个不完整的批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every step then sees a full batch (BatchNorm statistics stay comparable).</source>
        <translation>这样每一步都使用完整的批（BatchNorm 统计保持可比）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>airbench only: every layer this many times as wide (the best preset uses %1).</source>
        <translation>仅 airbench：每层宽度乘以此倍数（best 预设使用 %1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width ×:</source>
        <translation>宽度 ×:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>airbench only: convolutions per conv group. 3 adds airbench96&apos;s residual third convolution to each group (about 1.4 times the arithmetic of 2).</source>
        <translation>仅限 airbench：每个卷积组的卷积层数。3 为每组加入 airbench96 的残差第三层卷积（计算量约为 2 的 1.4 倍）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Convolutions per group:</source>
        <translation>每组卷积数:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 (single network)</source>
        <translation>1（单个网络）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Train this many independently initialized copies of the network side by side, each by its own loss, and predict with their mean softmax. Each copy costs a full network&apos;s time and memory (the best preset trains %n).</source>
        <translation>
            <numerusform>并行训练这么多个独立初始化的网络副本，每个副本用自己的损失，预测时取它们 softmax 的平均。每个副本都花费一个完整网络的时间和内存（best 预设训练 %n 个）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ensemble:</source>
        <translation>集成:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+9"/>
        <source>the same for every member</source>
        <translation>所有成员相同</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>each member its own</source>
        <translation>每个成员各自独立</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Ensembles: whether every member sees the same flips, shifts and cutouts of a batch, or each draws its own (more different members; the first draws what a single network would).</source>
        <translation>集成：所有成员看到批次相同的翻转、平移和 cutout，还是每个成员各自抽取（成员差异更大；第一个成员抽取的与单个网络相同）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; augmentation:</source>
        <translation>成员的数据增强:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ensembles: whether every member trains on the same images in the same order, or each shuffles the training set its own way every epoch (the first keeps a single network&apos;s order). Training accuracy then scores each member on its own images.</source>
        <translation>集成：所有成员是否以相同顺序在相同图像上训练，或每个成员在每个周期以自己的方式打乱训练集（第一个成员保持单个网络的顺序）。此时训练准确率按每个成员在其自己的图像上的预测计算。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members&apos; data order:</source>
        <translation>成员的数据顺序:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ensembles: each member&apos;s training target takes this share from the other members&apos; mean prediction of the same image, the rest from its label (online co-distillation). Needs the same data order for every member.</source>
        <translation>集成：每个成员的训练目标按此比例取自其他成员对同一图像的平均预测，其余取自其标签（在线协同蒸馏）。要求所有成员使用相同的数据顺序。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Members learn from each other:</source>
        <translation>成员相互学习:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>image and mirror</source>
        <translation>原图和镜像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror and 1-pixel shifts (6 views)</source>
        <translation>镜像和 1 像素平移（6 个视图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test-time augmentation of the final evaluation: the logits of these views are averaged. The per-epoch evaluations stay single-view.</source>
        <translation>最终评估的测试时增强：对这些视图的 logits 取平均。每个轮次的评估仍只用单一视图。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Final evaluation:</source>
        <translation>最终评估:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images per batch when evaluating (no gradients: larger is faster).</source>
        <translation>评估时每批的图像数（无梯度：越大越快）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation batch:</source>
        <translation>评估批大小:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep every epoch&apos;s checkpoint</source>
        <translation>保留每个轮次的检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Otherwise only the latest and the best checkpoint are kept.</source>
        <translation>否则只保留最新和最佳的检查点。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Step milestones: expected fractions of training separated by commas, such as 0.5, 0.75</source>
        <translation>阶梯里程碑：应为用逗号分隔的训练进度比例，例如 0.5, 0.75</translation>
    </message>
</context>
<context>
    <name>cifarlab::ConfusionMatrixWidget</name>
    <message>
        <location filename="../ui/confusion_matrix_widget.cpp" line="+259"/>
        <source>1 image</source>
        <translation>1 张图像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 images</source>
        <translation>%1 张图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>True: %1
Predicted: %2
%3 (%4 of true %1, %5 of predicted %2)</source>
        <translation>真实：%1
预测：%2
%3（占真实为 %1 的 %4，占预测为 %2 的 %5）</translation>
    </message>
    <message>
        <location line="+92"/>
        <location line="+476"/>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="-476"/>
        <location line="+477"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="-540"/>
        <location line="+349"/>
        <source>No confusion matrix yet</source>
        <translation>尚无混淆矩阵</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Too small to show the matrix</source>
        <translation>空间太小，无法显示矩阵</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="-644"/>
        <location line="+703"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
</context>
<context>
    <name>cifarlab::ConfusionTab</name>
    <message>
        <location filename="../ui/confusion_tab.cpp" line="+67"/>
        <location line="+212"/>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="-211"/>
        <location line="+211"/>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>Which split&apos;s predictions the matrix counts</source>
        <translation>矩阵统计哪个数据划分的预测结果</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalized by true class (recall)</source>
        <translation>按真实类别归一化（召回率）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalized by predicted class (precision)</source>
        <translation>按预测类别归一化（精确率）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the matrix as a PNG or SVG image</source>
        <translation>将矩阵保存为 PNG 或 SVG 图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Split:</source>
        <translation>数据划分(&amp;S):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;W):</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Accuracy and precision per class</source>
        <translation>各类别的准确率和精确率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+36"/>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+34"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Share of this class&apos;s images predicted correctly (recall)</source>
        <translation>该类别图像中被正确预测的比例（召回率）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the predictions of this class that were right</source>
        <translation>预测为该类别的结果中正确的比例（精确率）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of images of this class in the split</source>
        <translation>该数据划分中此类别的图像数量</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Most confused pairs</source>
        <translation>最常混淆的类别对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The largest mistakes of the shown epoch and split. Click a pair to see its images.</source>
        <translation>所示轮次和数据划分中最多的错误。点击一对类别以查看其图像。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predicted as</source>
        <translation>预测为</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>%1 accuracy: &lt;b&gt;%2&lt;/b&gt; (%3 of %4 images)</source>
        <translation>%1准确率：&lt;b&gt;%2&lt;/b&gt;（%4 张图像中的 %3 张）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 accuracy: &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>%1准确率：&lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>%1 of the %2 %3 images were predicted as %4. Click to see them.</source>
        <translation>%2 张 %3 图像中有 %1 张被预测为 %4。点击查看。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Most confused: no mistakes</source>
        <translation>最常混淆：没有错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Most confused</source>
        <translation>最常混淆</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <source>Export Confusion Matrix</source>
        <translation>导出混淆矩阵</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>cifarlab::EmbeddingTab</name>
    <message>
        <location filename="../ui/embedding_tab.cpp" line="+102"/>
        <location line="+603"/>
        <source>All (%1)</source>
        <translation>全部 (%1)</translation>
    </message>
    <message>
        <location line="-570"/>
        <location line="+421"/>
        <location line="+13"/>
        <source>t-SNE</source>
        <translation>t-SNE</translation>
    </message>
    <message>
        <location line="-432"/>
        <source>Keeps each image&apos;s nearest neighbours close: clusters show what the network groups together (distances between clusters mean little). A few seconds for 2,000 images; at most 5,000.</source>
        <translation>让每张图像的最近邻彼此靠近：簇显示网络把哪些图像归为一类（簇之间的距离意义不大）。2,000 张图像只需几秒；最多 5,000 张。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+416"/>
        <location line="+11"/>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <location line="-425"/>
        <source>The two directions along which the features vary most: a faithful but crowded linear view. Takes a moment.</source>
        <translation>特征变化最大的两个方向：忠实但拥挤的线性视图。很快完成。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the features are projected to two dimensions</source>
        <translation>如何将特征投影到二维</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meth&amp;od:</source>
        <translation>方法(&amp;O):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How many test images to map, the same number from each class. t-SNE&apos;s time grows with the square of this number.</source>
        <translation>要映射的测试图像数量，每个类别数量相同。t-SNE 的耗时随该数量的平方增长。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ima&amp;ges:</source>
        <translation>图像(&amp;G):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>t-SNE: about how many neighbours each image keeps close (5 to 50 is usual; larger shows more global structure)</source>
        <translation>t-SNE：每张图像大约保持多少个近邻（通常为 5 到 50；越大越能显示全局结构）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Perplexity:</source>
        <translation>困惑度(&amp;P):</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+490"/>
        <source>Comp&amp;ute</source>
        <translation>计算(&amp;U)</translation>
    </message>
    <message>
        <location line="-488"/>
        <source>Map the test images with the run&apos;s latest checkpoint</source>
        <translation>用该运行的最新检查点映射测试图像</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Progress of the map</source>
        <translation>映射进度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop computing the map</source>
        <translation>停止计算映射</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour each image by its true class or by the class the network predicted</source>
        <translation>按真实类别或网络预测的类别为每张图像着色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colou&amp;r by:</source>
        <translation>着色依据(&amp;R):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highlight mi&amp;sclassified</source>
        <translation>突出显示分类错误(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outline the misclassified images and fade the rest</source>
        <translation>为分类错误的图像加轮廓，其余淡化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset View</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the whole map (also a double-click on it, or 0)</source>
        <translation>显示整张映射图（也可双击图或按 0）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E&amp;xport...</source>
        <translation>导出(&amp;X)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the map as CSV (each image&apos;s classes, position and neighbours) or as a PNG or SVG image</source>
        <translation>将映射保存为 CSV（每张图像的类别、位置和近邻）或 PNG、SVG 图像</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Cancelling...</source>
        <translation>正在取消...</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>True class:</source>
        <translation>真实类别:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted:</source>
        <translation>预测:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence:</source>
        <translation>置信度:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in Images Tab</source>
        <translation>在“图像”标签页中显示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image&apos;s top five classes, its history over the epochs and its Grad-CAM map</source>
        <translation>该图像的前五个类别、各轮的历史及其 Grad-CAM 图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nearest neighbours in feature space</source>
        <translation>特征空间中的最近邻</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Extracting features</source>
        <translation>正在提取特征</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finding neighbours</source>
        <translation>正在查找近邻</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading the checkpoint</source>
        <translation>正在加载检查点</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open or train a run to map its test images by what the network learned.</source>
        <translation>打开或训练一个运行，即可按网络学到的内容映射其测试图像。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computing the map: %1...</source>
        <translation>正在计算映射：%1...</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run&apos;s dataset is not loaded.</source>
        <translation>该运行的数据集尚未加载。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The map could not be computed: %1</source>
        <translation>无法计算映射：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled. Compute maps the test images again.</source>
        <translation>已取消。点击“计算”可重新映射测试图像。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compute maps the test images by what the network learned: each image&apos;s features at the classifier&apos;s input, projected to two dimensions, so images the network sees alike land close together. PCA takes a moment; t-SNE of 2,000 images a few seconds.</source>
        <translation>“计算”按网络学到的内容映射测试图像：每张图像在分类器输入处的特征被投影到二维，网络认为相似的图像会彼此靠近。PCA 很快完成；2,000 张图像的 t-SNE 只需几秒。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>PCA of %1 test images; its axes explain %2 and %3 of the features&apos; variance</source>
        <translation>%1 张测试图像的 PCA；两条轴分别解释特征方差的 %2 和 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>t-SNE of %1 test images (perplexity %2, %3 iterations); final KL divergence %4</source>
        <translation>%1 张测试图像的 t-SNE（困惑度 %2，%3 次迭代）；最终 KL 散度 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>features: layer %1, %2 values per image</source>
        <translation>特征：层 %1，每张图像 %2 个值</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n-NN accuracy in feature space: %1, kept by the map: %2</source>
        <translation>
            <numerusform>特征空间中的 %n-NN 准确率：%1，映射保留：%2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>from %1 at epoch %2</source>
        <translation>来自第 %2 轮的%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Computing a new map; the one shown stays until it is ready.</source>
        <translation>正在计算新的映射；完成前保留当前显示的映射。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new map could not be computed: %1. The map shown is the earlier one.</source>
        <translation>无法计算新的映射：%1。显示的是之前的映射。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled; the map shown is the earlier one.</source>
        <translation>已取消；显示的是之前的映射。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computed at epoch %1; the run has moved on to epoch %2. Compute maps its latest checkpoint.</source>
        <translation>在第 %1 轮计算；该运行已进行到第 %2 轮。点击“重新计算”可映射其最新检查点。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recomp&amp;ute</source>
        <translation>重新计算(&amp;U)</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Click a point to see its image and its nearest neighbours.</source>
        <translation>点击一个点，查看其图像及最近邻。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Image %1</source>
        <translation>图像 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Correct</source>
        <translation>分类正确</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Neighbour %1: %2</source>
        <translation>近邻 %1：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 of %n share its true class, nearest first:</source>
        <translation>
            <numerusform>%n 个中有 %1 个与其真实类别相同，由近到远:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No neighbours recorded.</source>
        <translation>没有记录近邻。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+20"/>
        <source>Export Embedding</source>
        <translation>导出嵌入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>cifarlab::EmbeddingView</name>
    <message>
        <location filename="../ui/embedding_view.cpp" line="+51"/>
        <source>Embedding map</source>
        <translation>嵌入映射图</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location line="+132"/>
        <location line="+390"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="-390"/>
        <location line="+390"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="-195"/>
        <source>Image %1: true class %2, predicted %3 (%4), %5</source>
        <translation>图像 %1：真实类别 %2，预测 %3（%4），%5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Image %1</source>
        <translation>图像 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>True class: %1</source>
        <translation>真实类别：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted: %1 (%2)</source>
        <translation>预测：%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct</source>
        <translation>分类正确</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No map yet</source>
        <translation>尚无映射</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2 test images shown in %3 classes; the arrow keys select an image</source>
        <translation>显示 %2 张测试图像中的 %1 张，共 %3 个类别；方向键可选择图像</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>principal axis 1: %1 of the variance</source>
        <translation>主轴 1：方差的 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>principal axis 2: %1 of the variance</source>
        <translation>主轴 2：方差的 %1</translation>
    </message>
    <message>
        <location line="+322"/>
        <source>Show All Classes</source>
        <translation>显示所有类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset View</source>
        <translation>重置视图</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%1: %n images</source>
        <translation>
            <numerusform>%1：%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click to hide, double-click to show only this class</source>
        <translation>单击隐藏，双击只显示此类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click to show, double-click to show only this class</source>
        <translation>单击显示，双击只显示此类别</translation>
    </message>
</context>
<context>
    <name>cifarlab::EpochSlider</name>
    <message>
        <location filename="../ui/epoch_slider.cpp" line="+20"/>
        <source>Scrub through the run&apos;s epochs</source>
        <translation>浏览该运行的各轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+64"/>
        <source>Epoch %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>No epochs yet</source>
        <translation>尚无轮次</translation>
    </message>
</context>
<context>
    <name>cifarlab::HistogramRidgeView</name>
    <message>
        <location filename="../ui/histogram_ridge_view.cpp" line="+88"/>
        <source>Epoch %1: values from %2 to %3</source>
        <translation>第 %1 轮：数值从 %2 到 %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+56"/>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
</context>
<context>
    <name>cifarlab::ImagesTab</name>
    <message>
        <location filename="../ui/images_tab.cpp" line="+233"/>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Which test images to show</source>
        <translation>要显示哪些测试图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All images</source>
        <translation>全部图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+581"/>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <location line="-580"/>
        <location line="+580"/>
        <source>Correct</source>
        <translation>分类正确</translation>
    </message>
    <message>
        <location line="-579"/>
        <source>True class is</source>
        <translation>真实类别为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Predicted as</source>
        <translation>预测为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confused pair</source>
        <translation>混淆类别对</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class to filter by (the true class of a confused pair)</source>
        <translation>用于筛选的类别（对于混淆类别对，为其真实类别）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted as</source>
        <translation>预测为</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Predicted class of the confused pair</source>
        <translation>混淆类别对中的预测类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Order of the images</source>
        <translation>图像排序方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest loss first</source>
        <translation>损失最高的优先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Least confident first</source>
        <translation>置信度最低的优先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Most confident first</source>
        <translation>置信度最高的优先</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image index</source>
        <translation>图像索引</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Evidence for</source>
        <translation>证据来源</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grad-CAM (Selvaraju et al. 2017): the last feature map before pooling, each channel weighted by how much it raises the class&apos;s score. Bright areas are evidence for the class.</source>
        <translation>Grad-CAM（Selvaraju 等，2017）：池化前的最后一个特征图，每个通道按其对该类别得分的提升程度加权。明亮区域是支持该类别的证据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class the Grad-CAM map explains</source>
        <translation>Grad-CAM 图所解释的类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>Top 5</source>
        <translation>前 5 名</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Computing the map...</source>
        <translation>正在计算热力图...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No map: %1</source>
        <translation>无热力图：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Layer %1 (%2 x %3), latest checkpoint.</source>
        <translation>层 %1（%2 x %3），最新检查点。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing in the image raises the score of %1: the network decided by what is absent.</source>
        <translation>图像中没有任何区域提高 %1 的得分：网络是根据缺失的内容做出判断的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bright: evidence for %1. </source>
        <translation>明亮处：支持 %1 的证据。 </translation>
    </message>
    <message>
        <location line="+123"/>
        <source>%1 of %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+49"/>
        <source>Open a dataset to browse its test images.</source>
        <translation>打开数据集以浏览其测试图像。</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>This dataset has no test images.</source>
        <translation>此数据集没有测试图像。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+63"/>
        <source>Predictions appear after the first epoch.</source>
        <translation>预测结果将在第一个轮次结束后显示。</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>No %1 image was predicted as %2.</source>
        <translation>没有 %1 图像被预测为 %2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No mistakes: every test image is classified right.</source>
        <translation>没有错误：所有测试图像都分类正确。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No image matches this filter.</source>
        <translation>没有符合此筛选条件的图像。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Epoch %1: %2 right, %3 wrong</source>
        <translation>第 %1 轮：%2 张正确，%3 张错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No predictions yet</source>
        <translation>尚无预测</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Select an image to see its prediction, its top-5 probabilities and how it fared in every epoch.</source>
        <translation>选择一张图像，查看其预测结果、前 5 名的概率以及它在每个轮次中的表现。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select an image to see it enlarged. Predictions appear after the first epoch.</source>
        <translation>选择一张图像以放大查看。预测结果将在第一个轮次结束后显示。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Image %1</source>
        <translation>图像 %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Top %1</source>
        <translation>前 %1 名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The true class, %1, is not among them.</source>
        <translation>真实类别 %1 不在其中。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Flipped once</source>
        <translation>结果变化过 1 次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flipped %1 times</source>
        <translation>结果变化过 %1 次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Right at epoch %1</source>
        <translation>第 %1 轮正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong at epoch %1</source>
        <translation>第 %1 轮错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Right in all %1 epochs</source>
        <translation>全部 %1 个轮次均正确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong in all %1 epochs</source>
        <translation>全部 %1 个轮次均错误</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, right since epoch %2</source>
        <translation>%1，自第 %2 轮起一直正确</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, last right at epoch %2</source>
        <translation>%1，最后一次正确是在第 %2 轮</translation>
    </message>
    <message>
        <location filename="../ui/top_classes_view.cpp" line="+16"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>cifarlab::LayerTableModel</name>
    <message>
        <location filename="../ui/layer_table_model.cpp" line="+68"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Multiply-adds</source>
        <translation>乘加运算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>cifarlab::LiveTab</name>
    <message>
        <location filename="../ui/live_tab.cpp" line="+334"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exponential moving average of the per-batch curves (0 = raw)</source>
        <translation>逐批次曲线的指数移动平均（0 = 原始值）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log-scale loss</source>
        <translation>损失使用对数刻度</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Loss per batch</source>
        <translation>每批次损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a run to see the loss per batch</source>
        <translation>开始一次运行以查看每批次损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per batch</source>
        <translation>每批次准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a run to see the accuracy per batch</source>
        <translation>开始一次运行以查看每批次准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss per epoch</source>
        <translation>每轮次损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train and test loss appear after the first epoch</source>
        <translation>训练损失和测试损失将在第一个轮次结束后显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy per epoch</source>
        <translation>每轮次准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train and test accuracy appear after the first epoch</source>
        <translation>训练准确率和测试准确率将在第一个轮次结束后显示</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+10"/>
        <source>raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+5"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+2"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+681"/>
        <source>best %1% @ %2</source>
        <translation>最佳 %1%（第 %2 轮）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the first batch</source>
        <translation>等待第一个批次</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Epoch %1/%2, batch %3/%4</source>
        <translation>轮次 %1/%2，批次 %3/%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accuracy %1%</source>
        <translation>准确率 %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lr %1</source>
        <translation>学习率 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Epoch %1/%2</source>
        <translation>轮次 %1/%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>best test %1% @ %2</source>
        <translation>最佳测试 %1%（第 %2 轮）</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>epoch %1: learning rate %2</source>
        <translation>轮次 %1：学习率 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>epoch %1: accuracy %2%</source>
        <translation>轮次 %1：准确率 %2%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smoothed %1%</source>
        <translation>平滑后 %1%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>epoch %1: loss %2</source>
        <translation>轮次 %1：损失 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smoothed %1</source>
        <translation>平滑后 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>epoch %1: train loss %2, test loss %3</source>
        <translation>轮次 %1：训练损失 %2，测试损失 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>epoch %1: train accuracy %2%, test accuracy %3%</source>
        <translation>轮次 %1：训练准确率 %2%，测试准确率 %3%</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>CifarLab training curves</source>
        <translation>CifarLab 训练曲线</translation>
    </message>
</context>
<context>
    <name>cifarlab::LogTab</name>
    <message>
        <location filename="../ui/log_tab.cpp" line="+94"/>
        <location line="+2"/>
        <source>Filter the log</source>
        <translation>筛选日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only the lines that contain this text (case does not matter)</source>
        <translation>只显示包含此文本的行（不区分大小写）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save Log...</source>
        <translation>保存日志(&amp;S)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the lines shown as a text file</source>
        <translation>将显示的行写入文本文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run log</source>
        <translation>运行日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since start</source>
        <translation>自开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local time the line was written</source>
        <translation>写入该行时的本地时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time since the run&apos;s first line</source>
        <translation>距本次运行第一行的时间</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n lines</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of 1 line</source>
        <translation>%1 / 1 行</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%1 of %n lines</source>
        <translation>
            <numerusform>%1 / %n 行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a run in the Runs dock, or start one, to read its log.</source>
        <translation>在“运行记录”面板中打开一个运行，或开始一个运行，即可查看其日志。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1 has written nothing to its log yet. Runs recorded before CifarLab kept logs have none.</source>
        <translation>运行 %1 尚未向日志写入任何内容。CifarLab 开始记录日志之前的运行没有日志。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>run-%1-log.txt</source>
        <translation>run-%1-log.txt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log.txt</source>
        <translation>log.txt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot save the log</source>
        <translation>无法保存日志</translation>
    </message>
</context>
<context>
    <name>cifarlab::LrFinderChartView</name>
    <message>
        <location filename="../ui/lr_finder_chart_view.cpp" line="+18"/>
        <source>Learning-rate finder curve</source>
        <translation>学习率查找器曲线</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n batches; suggested learning rate %1 (valley), %2 (steepest), %3 (minimum / 10)</source>
        <translation>
            <numerusform>%n 个批次；建议学习率 %1（谷值）、%2（最陡）、%3（最小值 / 10）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n batches recorded</source>
        <translation>
            <numerusform>已记录 %n 个批次</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Batch %1: learning rate %2
loss %3, smoothed %4
Click to use this rate</source>
        <translation>批次 %1：学习率 %2
损失 %3，平滑后 %4
单击以使用此学习率</translation>
    </message>
</context>
<context>
    <name>cifarlab::LrFinderDialog</name>
    <message>
        <location filename="../ui/lr_finder_dialog.cpp" line="+74"/>
        <source>Learning-Rate Finder: %1</source>
        <translation>学习率查找器：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trains a fresh %1 with this recipe for a few batches while the learning rate grows exponentially, and reads a peak rate off the loss curve (the range test of Smith, and fastai&apos;s lr_find). Nothing is recorded in the store.</source>
        <translation>用此配方训练一个新的 %1 若干批次，同时学习率按指数增长，并从损失曲线上读取峰值学习率（Smith 的范围测试，即 fastai 的 lr_find）。不会在存储中记录任何内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Learning rate of the first batch.</source>
        <translation>第一个批次的学习率。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate of the last batch; the sweep stops earlier once the loss blows up.</source>
        <translation>最后一个批次的学习率；一旦损失爆炸，扫描会提前停止。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Batches in the sweep: more give a smoother curve and take longer.</source>
        <translation>扫描的批次数：越多曲线越平滑，耗时也越长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in</source>
        <translation>共</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>batches of %n images</source>
        <translation>
            <numerusform>个批次，每批 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+221"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-206"/>
        <source>Learning rate to use</source>
        <translation>要使用的学习率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The middle of the longest stretch where the loss keeps falling (fastai&apos;s default).</source>
        <translation>损失持续下降的最长区段的中点（fastai 的默认值）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where the loss falls fastest per decade of learning rate (preselected: of the three it trained best on CIFAR-10, with SGD and with AdamW).</source>
        <translation>学习率每增长十倍时损失下降最快的位置（预选：在 CIFAR-10 上，无论 SGD 还是 AdamW，三者中它训练效果最好）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A tenth of the rate at the lowest loss: well before the blow-up (preselected when the steepest fall lies at the bottom of the curve, at the brink of the blow-up).</source>
        <translation>最低损失处学习率的十分之一：远在爆炸之前（当最陡下降位于曲线底部、临近爆炸时预选）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click the curve to pick any rate.</source>
        <translation>单击曲线可选择任意学习率。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use Learning Rate</source>
        <translation>使用此学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save Chart...</source>
        <translation>保存图表...</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save Learning-Rate Finder Chart</source>
        <translation>保存学习率查找器图表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 图形 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Chart</source>
        <translation>保存图表</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%1 on %2 %3 batch %4 %3 %5 %3 %n batches</source>
        <translation>
            <numerusform>%1，数据集 %2 %3 批大小 %4 %3 %5 %3 %n 个批次</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The first learning rate is not a number.</source>
        <translation>第一个学习率不是数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last learning rate is not a number.</source>
        <translation>最后一个学习率不是数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last learning rate must be above the first, and both above 0.</source>
        <translation>最后一个学习率必须大于第一个，且两者都大于 0。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load a dataset first.</source>
        <translation>请先加载数据集。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Building the network and starting the sweep...</source>
        <translation>正在构建网络并开始扫描...</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Batch %1 of %2: learning rate %3, loss %4</source>
        <translation>批次 %1 / %2：学习率 %3，损失 %4</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>Stopped after %n batches.</source>
        <translation>
            <numerusform>已在 %n 个批次后停止。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The loss blew up at learning rate %1 after %n batches.</source>
        <translation>
            <numerusform>损失在学习率 %1 处爆炸，共 %n 个批次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Swept the whole range in %n batches.</source>
        <translation>
            <numerusform>已用 %n 个批次扫描整个范围。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sweep could not run: %1</source>
        <translation>扫描无法运行：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 Too few batches to read a learning rate off: sweep more batches or a wider range.</source>
        <translation>%1 批次太少，无法读取学习率：请扫描更多批次或更宽的范围。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2 s) Pick a rate below and click Use Learning Rate, or click the curve.</source>
        <translation>%1（%2 秒）请在下方选择一个学习率并单击“使用此学习率”，或单击曲线。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Valley: %1</source>
        <translation>谷值：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steepest: %1</source>
        <translation>最陡：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum %1 10: %2</source>
        <translation>最小值 %1 10：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On the curve: %1</source>
        <translation>曲线上选取：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sets the form&apos;s learning rate to %1.</source>
        <translation>将表单的学习率设为 %1。</translation>
    </message>
</context>
<context>
    <name>cifarlab::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+128"/>
        <source>Starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped (checkpoint saved)</source>
        <translation>已停止（检查点已保存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1248"/>
        <location line="+71"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="-1318"/>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>CifarLab</source>
        <translation>CifarLab</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Live</source>
        <translation>实时(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Confusion</source>
        <translation>混淆矩阵(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Images</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Weights</source>
        <translation>权重(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each layer&apos;s weights, gradients and step sizes, epoch by epoch</source>
        <translation>每一层的权重、梯度和步长，逐轮显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Embedding</source>
        <translation>嵌入(&amp;E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test images mapped by what the network learned (t-SNE or PCA of its features)</source>
        <translation>按网络学到的内容映射的测试图像（其特征的 t-SNE 或 PCA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;og</source>
        <translation>日志(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the run said as it went: data loading, the changes a time budget or the memory limit made, warnings, pauses and its outcome</source>
        <translation>运行过程中记录的内容：数据加载、时间预算或内存上限所做的更改、警告、暂停及其结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;mpare</source>
        <translation>比较(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The runs selected in the Runs dock side by side (Ctrl+K)</source>
        <translation>并排显示在“运行记录”面板中选中的运行 (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dataset</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Architecture</source>
        <translation>架构(&amp;A)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Images are shown for the test split only</source>
        <translation>仅显示测试集的图像</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Run %1 could not be resumed; use Start Over to train the job again.</source>
        <translation>无法继续运行 %1；请使用“重新开始”重新训练该任务。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A queued job was interrupted when CifarLab quit: resume it or start it over in the Queue dock.</source>
        <translation>退出 CifarLab 时有一个排队任务被中断：请在“队列”面板中继续或重新开始该任务。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Dataset File...</source>
        <translation>打开数据集文件(&amp;O)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Dataset &amp;Folder...</source>
        <translation>打开数据集文件夹(&amp;F)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Download CIFAR-10...</source>
        <translation>下载 CIFAR-10(&amp;D)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Evaluate Checkpoint...</source>
        <translation>评估检查点(&amp;E)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Classify Images...</source>
        <translation>分类图像(&amp;C)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classify your own image files with the run shown (or the evaluated checkpoint)</source>
        <translation>用当前显示的运行（或已评估的检查点）对您自己的图像文件进行分类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport Current View...</source>
        <translation>导出当前视图(&amp;X)...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Runs as &amp;Bundle...</source>
        <translation>导出运行包(&amp;B)...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the runs selected in the Runs dock, with metrics and checkpoints, as one file</source>
        <translation>将“运行记录”面板中选中的运行连同指标和检查点保存为一个文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import Bundle...</source>
        <translation>导入运行包(&amp;I)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the runs of a .cifarlab.zip bundle to the run history</source>
        <translation>将 .cifarlab.zip 运行包中的运行添加到运行历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;top (save checkpoint)</source>
        <translation>停止并保存检查点(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to &amp;Queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Se&amp;veral to Queue...</source>
        <translation>将多个加入队列(&amp;V)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1379"/>
        <source>R&amp;un Queue</source>
        <translation>启动队列(&amp;U)</translation>
    </message>
    <message>
        <location line="-1373"/>
        <source>Stop Queue After &amp;Current Run</source>
        <translation>当前运行结束后停止队列(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About CifarLab</source>
        <translation>关于 CifarLab(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Datasets found on this computer</source>
        <translation>在此计算机上找到的数据集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open File...</source>
        <translation>打开文件...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a CIFAR .tar.gz or an ImageFolder .zip</source>
        <translation>打开 CIFAR .tar.gz 或 ImageFolder .zip 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Folder...</source>
        <translation>打开文件夹...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a CIFAR binary, ImageFolder or MNIST/IDX folder</source>
        <translation>打开 CIFAR 二进制、ImageFolder 或 MNIST/IDX 文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+628"/>
        <source>Download CIFAR-10</source>
        <translation>下载 CIFAR-10</translation>
    </message>
    <message>
        <location line="-627"/>
        <source>Fetch CIFAR-10 (163 MB) from its publisher and verify its checksum</source>
        <translation>从发布方下载 CIFAR-10（163 MB）并验证校验和</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Architectures</source>
        <translation>架构列表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 M params · %2 MB · %3 M MACs</source>
        <translation>%1 M 参数 · %2 MB · %3 M MACs</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Training recipe</source>
        <translation>训练配方</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start training (Ctrl+Return)</source>
        <translation>开始训练 (Ctrl+Return)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1224"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-1222"/>
        <source>Pause at the next batch (Ctrl+P); click again to resume (Ctrl+Shift+P)</source>
        <translation>在下一个批次暂停 (Ctrl+P)；再次点击可继续 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after this batch and save a checkpoint to resume from (Ctrl+.)</source>
        <translation>在当前批次结束后停止，并保存可用于继续训练的检查点 (Ctrl+.)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to Queue</source>
        <translation>加入队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1226"/>
        <source>Queue this recipe to train after the current run (Ctrl+Shift+Return); the arrow adds several architectures and presets at once</source>
        <translation>将此配方加入队列，在当前运行结束后训练 (Ctrl+Shift+Return)；点击箭头可一次添加多个架构和预设</translation>
    </message>
    <message>
        <location line="-1222"/>
        <source>Add Current Recipe</source>
        <translation>添加当前配方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Several...</source>
        <translation>添加多个...</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No run yet</source>
        <translation>尚无运行</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pick a dataset and an architecture, then click Start.</source>
        <translation>选择数据集和架构，然后点击“开始”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No dataset loaded</source>
        <translation>未加载数据集</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pick a dataset on the left, or open a CIFAR binary folder/.tar.gz, an ImageFolder folder/.zip or an MNIST-style IDX folder.</source>
        <translation>请在左侧选择数据集，或打开 CIFAR 二进制文件夹/.tar.gz、ImageFolder 文件夹/.zip 或 MNIST 格式的 IDX 文件夹。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Images per class</source>
        <translation>每个类别的图像数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sample test images</source>
        <translation>测试图像示例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample of the test images</source>
        <translation>测试图像样本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training images as the recipe augments them</source>
        <translation>配方增强后的训练图像</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Per-layer summary</source>
        <translation>逐层摘要</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Diagram...</source>
        <translation>导出结构图...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the block diagram as PNG, SVG or PDF</source>
        <translation>将结构框图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Diagram</source>
        <translation>导出结构图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SVG (*.svg);;PNG (*.png);;PDF (*.pdf)</source>
        <translation>SVG (*.svg);;PNG (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+832"/>
        <location line="+896"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="-1728"/>
        <location line="+832"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location line="-742"/>
        <source>Loading %1...</source>
        <translation>正在加载 %1...</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+1"/>
        <source>Could not load the dataset</source>
        <translation>无法加载数据集</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loaded %1 in %2 s</source>
        <translation>已加载 %1，用时 %2 秒</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 training and %2 test images, %3 x %4 pixels, %5 channel(s), %6 classes. Format: %7. Source: %8
Training mean per channel: %9; std: %10</source>
        <translation>%1 张训练图像和 %2 张测试图像，%3 x %4 像素，%5 个通道，%6 个类别。格式：%7。来源：%8
训练集各通道均值：%9；标准差：%10</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Test image %1: %2</source>
        <translation>测试图像 %1：%2</translation>
    </message>
    <message>
        <location line="+106"/>
        <location line="+217"/>
        <source>%1, %2x as wide</source>
        <translation>%1，宽度 %2 倍</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>%1, ensemble of %2</source>
        <translation>%1，%2 个网络的集成</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>At %1x width the convolution groups are %2 channels wide.</source>
        <translation>在 %1 倍宽度下，卷积组的宽度为 %2 个通道。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An ensemble of %1 such networks, trained side by side and averaged: the totals below count all of them, the layers one.</source>
        <translation>由 %1 个这样的网络并行训练并取平均的集成：下面的总数计入全部网络，层表只列出一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1
Input %2 x %3 x %4, %5 classes: %6 trainable parameters, %7 MB, %8 million multiply-adds per image, %9 layers.</source>
        <translation>%1
输入 %2 x %3 x %4，%5 个类别：%6 个可训练参数，%7 MB，每张图像 %8 百万次乘加运算，%9 层。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot build %1 for this input: %2</source>
        <translation>无法为此输入构建 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open Dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datasets (*.zip *.tar.gz *.tgz);;All files (*)</source>
        <translation>数据集 (*.zip *.tar.gz *.tgz);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Dataset Folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Downloading CIFAR-10 into %1...</source>
        <translation>正在将 CIFAR-10 下载到 %1...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Downloading CIFAR-10: %1 of %2 MB</source>
        <translation>正在下载 CIFAR-10：%1 / %2 MB</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>

You can also open a local copy with File &gt; Open.</source>
        <translation>

也可以通过“文件 &gt; 打开”打开本地副本。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No dataset</source>
        <translation>没有数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the dataset to evaluate on first.</source>
        <translation>请先打开用于评估的数据集。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluate Checkpoint</source>
        <translation>评估检查点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>...</source>
        <translation>...</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>dataset mean/std</source>
        <translation>数据集均值/标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>per-image standardization (the original study)</source>
        <translation>逐图像标准化（原始研究）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint:</source>
        <translation>检查点:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Architecture:</source>
        <translation>架构:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror and 1-pixel shifts (6 views)</source>
        <translation>镜像和 1 像素平移（6 个视图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average the predictions of flipped and shifted copies of each test image, as the fast and best presets do for their final number.</source>
        <translation>对每张测试图像的翻转和平移副本的预测取平均，与 fast 和 best 预设计算最终结果的方式相同。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preprocessing:</source>
        <translation>预处理:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test-time augmentation:</source>
        <translation>测试时增强:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset:</source>
        <translation>数据集:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoints (*.pt *.pth *.ckpt *.tar);;All files (*)</source>
        <translation>检查点 (*.pt *.pth *.ckpt *.tar);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no dataset is loaded</source>
        <translation>未加载数据集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Evaluating %1...</source>
        <translation>正在评估 %1...</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Evaluation failed</source>
        <translation>评估失败</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Evaluation: %1 (%2)</source>
        <translation>评估：%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test accuracy: %1% on %2 images, loss %3, %4 s</source>
        <translation>测试准确率：%1%（%2 张图像），损失 %3，用时 %4 秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>test accuracy: %1%</source>
        <translation>测试准确率：%1%</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The map needs the run&apos;s checkpoint, written at the end of each epoch.</source>
        <translation>热力图需要该运行的检查点，它在每个轮次结束时写入。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The run cannot be read: %1</source>
        <translation>无法读取该运行：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open a run or evaluate a checkpoint to see where its network looked.</source>
        <translation>打开一个运行或评估一个检查点，以查看其网络关注的位置。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The run&apos;s dataset is not loaded.</source>
        <translation>该运行的数据集尚未加载。</translation>
    </message>
    <message>
        <location line="+73"/>
        <location line="+53"/>
        <source>The run&apos;s dataset is not loaded yet.</source>
        <translation>该运行的数据集尚未加载。</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>run %1&apos;s latest checkpoint</source>
        <translation>运行 %1 的最新检查点</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Mapped %1 test images</source>
        <translation>已映射 %1 张测试图像</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG (*.png);;SVG (*.svg)</source>
        <translation>PNG (*.png);;SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+896"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="-891"/>
        <source>About CifarLab</source>
        <translation>关于 CifarLab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;CifarLab %1&lt;/h3&gt;&lt;p&gt;Train, watch and compare image classifiers on your own machine.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and LibTorch. Runs are stored in&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;CifarLab %1&lt;/h3&gt;&lt;p&gt;在你自己的计算机上训练、观察和比较图像分类器。&lt;/p&gt;&lt;p&gt;基于 Qt %2 和 LibTorch 构建。运行记录保存在&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The language changes the next time CifarLab starts.</source>
        <translation>语言将在下次启动 CifarLab 时生效。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading the dataset and building the network...</source>
        <translation>正在加载数据集并构建网络...</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Stopping after this batch and saving a checkpoint...</source>
        <translation>将在当前批次结束后停止并保存检查点...</translation>
    </message>
    <message>
        <location line="+380"/>
        <source>1 epoch</source>
        <translation>1 个轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 epochs</source>
        <translation>%1 个轮次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2 on %3 · best test accuracy %4% (epoch %5) · %6</source>
        <translation>%1 · %3 上的 %2 · 最佳测试准确率 %4%（第 %5 轮）· %6</translation>
    </message>
    <message>
        <location line="-1134"/>
        <location line="+886"/>
        <location line="+539"/>
        <source>A run is in progress.</source>
        <translation>有一次运行正在进行。</translation>
    </message>
    <message>
        <location line="-557"/>
        <source>Learning-rate finder: %1</source>
        <translation>学习率查找器：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Learning rate set to %1 from the learning-rate finder</source>
        <translation>已根据学习率查找器将学习率设为 %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+48"/>
        <source>The dataset is still loading.</source>
        <translation>数据集仍在加载中。</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>Open a dataset first.</source>
        <translation>请先打开数据集。</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+48"/>
        <source>Pick an architecture.</source>
        <translation>请选择架构。</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pa&amp;use Queue</source>
        <translation>暂停队列(&amp;U)</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+159"/>
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <location line="-132"/>
        <location line="+224"/>
        <source>epoch %1/%2 · %p%</source>
        <translation>轮次 %1/%2 · %p%</translation>
    </message>
    <message>
        <location line="-223"/>
        <source>batch %1/%2 · loss %3 · acc %4% · %5 img/s · elapsed %6 · ETA %7</source>
        <translation>批次 %1/%2 · 损失 %3 · 准确率 %4% · %5 张/秒 · 已用 %6 · 剩余 %7</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Epoch %1: test accuracy %2%, train accuracy %3%</source>
        <translation>第 %1 轮：测试准确率 %2%，训练准确率 %3%</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paused: %1</source>
        <translation>已暂停：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 · final test accuracy %2% · best %3% · %4</source>
        <translation>%1 · 最终测试准确率 %2% · 最佳 %3% · %4</translation>
    </message>
    <message>
        <location line="-194"/>
        <location line="+209"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>Classify Images: run %1 has no checkpoint yet (one is written at the end of each epoch).</source>
        <translation>分类图像：运行 %1 还没有检查点（每个轮次结束时写入一个）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run %1: %2 on %3, best test accuracy %4</source>
        <translation>运行 %1：%2，数据集 %3，最佳测试准确率 %4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Classify Images: open a run (or evaluate a checkpoint) to classify images with it.</source>
        <translation>分类图像：请先打开一个运行（或评估一个检查点）以用它对图像分类。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classify Images: %1</source>
        <translation>分类图像：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classify Images: the run&apos;s dataset is not loaded.</source>
        <translation>分类图像：该运行的数据集尚未加载。</translation>
    </message>
    <message>
        <location line="+219"/>
        <location line="+13"/>
        <source>Cannot open the run</source>
        <translation>无法打开运行</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Showing run %1; the training in progress continues in the background</source>
        <translation>正在显示运行 %1；进行中的训练在后台继续</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The run&apos;s dataset %1 is not available; its images cannot be shown</source>
        <translation>该运行使用的数据集 %1 不可用，无法显示其图像</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 · best test accuracy %2%</source>
        <translation>%1 · 最佳测试准确率 %2%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot follow run %1: %2</source>
        <translation>无法跟踪运行 %1：%2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>A run is in progress</source>
        <translation>有运行正在进行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop the current run before resuming another one.</source>
        <translation>请先停止当前运行，再继续另一次运行。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+9"/>
        <source>Cannot use the run&apos;s settings</source>
        <translation>无法使用该运行的设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings of run %1 are in the form: press Start to train again</source>
        <translation>运行 %1 的设置已填入表单：按“开始”再次训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The settings of run %1 are in the form; its architecture and dataset can be chosen when the current training ends</source>
        <translation>运行 %1 的设置已填入表单；当前训练结束后可选择其架构和数据集</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The settings of run %1 are in the form, but its dataset %2 is not available: open a dataset, then press Start</source>
        <translation>运行 %1 的设置已填入表单，但其数据集 %2 不可用：请打开数据集，然后按“开始”</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Select the runs to compare in the Runs dock (Ctrl+click or Shift+click)</source>
        <translation>请在“运行记录”面板中选择要比较的运行（按住 Ctrl 或 Shift 单击）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot queue this recipe: %1</source>
        <translation>无法将此配方加入队列：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Queued %1 (%n job(s) waiting)</source>
        <translation>
            <numerusform>已将 %1 加入队列（%n 个任务等待中）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot queue these jobs: %1</source>
        <translation>无法将这些任务加入队列：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>Queued %n job(s)</source>
        <translation>
            <numerusform>已将 %n 个任务加入队列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some jobs were not queued</source>
        <translation>部分任务未能加入队列</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot queue jobs</source>
        <translation>无法将任务加入队列</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The dataset %1 does not exist.</source>
        <translation>数据集 %1 不存在。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading %1 for the queued job %2...</source>
        <translation>正在为排队任务 %2 加载 %1...</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>The queue is done: %n run(s) trained, selected in the Runs dock (Ctrl+K compares them)</source>
        <translation>
            <numerusform>队列已完成：已训练 %n 次运行，并已在“运行记录”面板中选中（按 Ctrl+K 进行比较）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No runs selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select the runs to export in the Runs dock first.</source>
        <translation>请先在“运行记录”面板中选择要导出的运行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <location line="+7"/>
        <source>Export Runs as Bundle</source>
        <translation>导出运行包</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>CifarLab bundles (*.cifarlab.zip)</source>
        <translation>CifarLab 运行包 (*.cifarlab.zip)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+89"/>
        <location line="+5"/>
        <source>Import Bundle</source>
        <translation>导入运行包</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>CifarLab bundles (*.cifarlab.zip);;Zip files (*.zip)</source>
        <translation>CifarLab 运行包 (*.cifarlab.zip);;Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+43"/>
        <source>Another bundle is being written or read; wait for it to finish.</source>
        <translation>另一个运行包正在写入或读取，请等待其完成。</translation>
    </message>
    <message numerus="yes">
        <location line="-35"/>
        <source>Writing %n run(s) to %1...</source>
        <translation>
            <numerusform>正在将 %n 次运行写入 %1...</numerusform>
        </translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Reading %1...</source>
        <translation>正在读取 %1...</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Imported %n run(s); they are selected in the Runs dock</source>
        <translation>
            <numerusform>已导入 %n 次运行，并已在“运行记录”面板中选中</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Training in progress</source>
        <translation>训练进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A run is training. Stop it (a checkpoint is saved, so it can be resumed later) and quit?</source>
        <translation>有一次运行正在训练。要停止它（会保存检查点，以便之后继续）并退出吗？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopping and saving a checkpoint before quitting...</source>
        <translation>正在停止并保存检查点，随后退出...</translation>
    </message>
</context>
<context>
    <name>cifarlab::PredictionDelegate</name>
    <message>
        <location filename="../ui/prediction_delegate.cpp" line="+147"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✓</source>
        <translation>✓</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>cifarlab::PredictionModel</name>
    <message>
        <location filename="../ui/prediction_model.cpp" line="+63"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Image %1
True class: %2</source>
        <translation>图像 %1
真实类别：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
Predicted: %1</source>
        <translation>
预测：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (%1%)</source>
        <translation> (%1%)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
Loss: %1</source>
        <translation>
损失：%1</translation>
    </message>
    <message>
        <location line="+252"/>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
</context>
<context>
    <name>cifarlab::QueueBatchDialog</name>
    <message>
        <location filename="../ui/training_queue.cpp" line="+688"/>
        <source>Add Several to the Queue</source>
        <translation>将多个加入队列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick the architecture and recipe pairs to train; each becomes one job, on the dataset that is open now. &quot;Current recipe&quot; is the form on the left.</source>
        <translation>勾选要训练的架构与配方组合；每个组合成为一个任务，使用当前打开的数据集。“当前配方”即左侧表单中的设置。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Current recipe</source>
        <translation>当前配方</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>current recipe</source>
        <translation>当前配方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 with %2</source>
        <translation>%1 搭配 %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>as the recipe says</source>
        <translation>按配方设定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train every job for this many epochs instead of its recipe&apos;s (0 = the recipe&apos;s)</source>
        <translation>所有任务均训练此轮数，而非配方中的轮数（0 = 使用配方中的轮数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Epochs:</source>
        <translation>轮次(&amp;E):</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>1 job will be added.</source>
        <translation>将添加 1 个任务。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 jobs will be added.</source>
        <translation>将添加 %1 个任务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add 1 Job</source>
        <translation>添加 1 个任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add %1 Jobs</source>
        <translation>添加 %1 个任务</translation>
    </message>
</context>
<context>
    <name>cifarlab::QueuePanel</name>
    <message>
        <location line="-722"/>
        <source> (run %1)</source>
        <translation> (运行 %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 epoch, batch %1</source>
        <translation>1 个轮次，批大小 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 epochs, batch %2</source>
        <translation>%1 个轮次，批大小 %2</translation>
    </message>
    <message>
        <location line="+385"/>
        <location line="+184"/>
        <source>Run Queue</source>
        <translation>启动队列</translation>
    </message>
    <message>
        <location line="-184"/>
        <location line="+187"/>
        <source>Train the waiting jobs one after another</source>
        <translation>依次训练等待中的任务</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>Stop After Current</source>
        <translation>当前运行结束后停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Let the current run finish, then pause the queue</source>
        <translation>让当前运行完成，然后暂停队列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the selected job up (Ctrl+Up)</source>
        <translation>将所选任务上移 (Ctrl+Up)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Move the selected job down (Ctrl+Down)</source>
        <translation>将所选任务下移 (Ctrl+Down)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected job (Delete)</source>
        <translation>移除所选任务 (Delete)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run Again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put a failed, stopped or interrupted job back in the queue</source>
        <translation>将失败、已停止或已中断的任务重新放回队列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add the current recipe, or several architectures and presets at once</source>
        <translation>添加当前配方，或一次添加多个架构和预设</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add Current Recipe</source>
        <translation>添加当前配方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Several...</source>
        <translation>添加多个...</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue the interrupted run from its checkpoint, then the rest of the queue</source>
        <translation>从检查点继续被中断的运行，然后继续队列中的其余任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start Over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train the interrupted job again from the beginning</source>
        <translation>从头重新训练被中断的任务</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Training queue</source>
        <translation>训练队列</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot resume the job</source>
        <translation>无法继续该任务</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 with the %2 recipe</source>
        <translation>%1，使用 %2 配方</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (run %2)</source>
        <translation>%1（运行 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 was interrupted when CifarLab quit.</source>
        <translation>%1 在 CifarLab 退出时被中断。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use &quot;Add to Queue&quot; next to Start, or Add here, to queue training runs.</source>
        <translation>使用“开始”旁边的“加入队列”，或此处的“添加”，将训练运行加入队列。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running, 1 waits</source>
        <translation>运行中，1 个等待</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running, %1 wait</source>
        <translation>运行中，%1 个等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The jobs train one after another; the queue pauses when you stop a run.</source>
        <translation>任务依次训练；停止某次运行时队列会暂停。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused, 1 waits</source>
        <translation>已暂停，1 个等待</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>paused, %1 wait</source>
        <translation>已暂停，%1 个等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click Run Queue to train the waiting jobs one after another.</source>
        <translation>点击“启动队列”以依次训练等待中的任务。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pause Queue</source>
        <translation>暂停队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start no further job; the current run trains on</source>
        <translation>不再启动新任务；当前运行继续训练</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cannot remove the job</source>
        <translation>无法移除该任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The job is training; stop it first.</source>
        <translation>该任务正在训练，请先停止它。</translation>
    </message>
</context>
<context>
    <name>cifarlab::RunsPanel</name>
    <message>
        <location filename="../ui/runs_panel.cpp" line="+41"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Best test</source>
        <translation>最佳测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a run to open it; Ctrl+click or Shift+click several and press Ctrl+K to compare them; right-click to resume, rename, export or delete.</source>
        <translation>双击运行可将其打开；按住 Ctrl 或 Shift 单击可选择多个运行，再按 Ctrl+K 进行比较；右键单击可继续、重命名、导出或删除。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The run history is unavailable: %1</source>
        <translation>运行历史不可用：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Compare Selected Runs</source>
        <translation>比较所选运行(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the selected runs side by side in the Compare tab (Ctrl+K)</source>
        <translation>在“比较”标签页中并排显示所选运行 (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Cannot read the run history: %1</source>
        <translation>无法读取运行历史：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Run %1, %2
%3</source>
        <translation>运行 %1，%2
%3</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify Images...</source>
        <translation>分类图像...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train Again with These Settings</source>
        <translation>使用这些设置再次训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename...</source>
        <translation>重命名...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export %1 Runs as Bundle...</source>
        <translation>将 %1 次运行导出为运行包...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export as Bundle...</source>
        <translation>导出为运行包...</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete %1 runs...</source>
        <translation>删除 %1 次运行...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete...</source>
        <translation>删除...</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rename Run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New name:</source>
        <translation>新名称:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot rename the run</source>
        <translation>无法重命名运行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete Runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n run(s) with their metrics and checkpoints? This cannot be undone.</source>
        <translation>
            <numerusform>要删除 %n 次运行及其指标和检查点吗？此操作无法撤销。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot delete the run</source>
        <translation>无法删除运行</translation>
    </message>
</context>
<context>
    <name>cifarlab::TrainingQueue</name>
    <message>
        <location filename="../ui/training_queue.cpp" line="-496"/>
        <source>The queue is paused.</source>
        <translation>队列已暂停。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This job cannot be resumed now.</source>
        <translation>此任务当前无法继续。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>CifarLab quit while this job was training; its run kept a checkpoint to resume from.</source>
        <translation>CifarLab 在此任务训练期间退出；其运行保留了可用于继续训练的检查点。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The queue paused because its run was stopped.</source>
        <translation>由于其运行被停止，队列已暂停。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The queue paused after the current run, as asked.</source>
        <translation>已按要求在当前运行结束后暂停队列。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The job could not be started.</source>
        <translation>无法启动该任务。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CifarLab ended while this job was training.</source>
        <translation>CifarLab 在此任务训练期间结束。</translation>
    </message>
</context>
<context>
    <name>cifarlab::WeightsTab</name>
    <message>
        <location filename="../ui/weights_tab.cpp" line="+127"/>
        <source>Update ratio per step</source>
        <translation>每步更新比</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+52"/>
        <source>Gradient RMS</source>
        <translation>梯度 RMS</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+51"/>
        <source>Weight RMS</source>
        <translation>权重 RMS</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Weight standard deviation</source>
        <translation>权重标准差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the History column colours, epoch by epoch, on a log scale shared by all rows.
Update ratio: how far one optimizer step moves the weights, relative to their size
(around 1e-3 is typical for SGD; far below, the layer barely learns; far above, it
is unstable).</source>
        <translation>“历史”列逐轮着色所用的量，所有行共用一个对数刻度。
更新比：一次优化器步骤使权重移动的距离，相对于权重本身的大小
（SGD 通常约为 1e-3；远低于此，该层几乎不学习；远高于此，
则不稳定）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Colour by:</source>
        <translation>着色依据(&amp;C):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Biases and normalization</source>
        <translation>偏置和归一化(&amp;B)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also list the one-dimensional parameters: biases and normalization scales</source>
        <translation>同时列出一维参数：偏置和归一化缩放</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every parameter&apos;s statistics at every epoch as CSV, or this view as a PNG image</source>
        <translation>将每个参数在每一轮的统计保存为 CSV，或将此视图保存为 PNG 图像</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The History column&apos;s colours, on a log scale; hatched: no value (a frozen parameter)</source>
        <translation>“历史”列的颜色，对数刻度；斜线：无数值（冻结的参数）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update ratio</source>
        <translation>更新比</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Root mean square of the gradient, averaged over the steps sampled in the epoch</source>
        <translation>梯度的均方根，对该轮中采样的步骤取平均</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>|weights after a step - before| / |weights before|, averaged over the sampled steps</source>
        <translation>|步骤后的权重 - 步骤前| / |步骤前的权重|，对采样的步骤取平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chosen measure at every epoch; click an epoch to show it</source>
        <translation>所选量在每一轮的值；点击某一轮以显示它</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Weight histograms</source>
        <translation>权重直方图</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gradient histograms</source>
        <translation>梯度直方图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights at the end of each epoch</source>
        <translation>每轮结束时的权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradients at the last sampled step of each epoch</source>
        <translation>每轮最后一个采样步骤的梯度</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>No weight statistics yet. Every training run records them at the end of each epoch: the weights of each layer, its gradients and how far each step moves it.</source>
        <translation>还没有权重统计。每次训练都会在每轮结束时记录它们：每一层的权重、梯度以及每一步使其移动的距离。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No weight statistics for this run: it is an evaluated checkpoint, or it was trained before CifarLab recorded them.</source>
        <translation>此运行没有权重统计：它是一个已评估的检查点，或者它是在 CifarLab 开始记录这些统计之前训练的。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 values</source>
        <translation>%1 个值</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 at epoch %2</source>
        <translation>第 %2 轮为 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>from %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+4"/>
        <source>Select a parameter</source>
        <translation>请选择一个参数</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>No gradient in this epoch: the parameter was frozen</source>
        <translation>本轮没有梯度：该参数已冻结</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (not in this epoch)</source>
        <translation>%1（本轮中没有）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2, %3 values</source>
        <translation>%1：%2，%3 个值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights: RMS %1, mean %2, standard deviation %3, from %4 to %5.</source>
        <translation>权重：RMS %1，均值 %2，标准差 %3，范围 %4 到 %5。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Frozen in this epoch: no gradient, no steps.</source>
        <translation>本轮已冻结：没有梯度，没有步骤。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Gradient RMS %1 (mean of %n sampled steps); update ratio %2 per step.</source>
        <translation>
            <numerusform>梯度 RMS %1（%n 个采样步骤的平均）；每步更新比 %2。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Export Weight Statistics</source>
        <translation>导出权重统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui_main.cpp" line="+64"/>
        <source>CifarLab: train and compare image classifiers</source>
        <translation>CifarLab：训练并比较图像分类器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dataset to open (folder, .zip or .tar.gz), or a .cifarlab.zip run bundle to import.</source>
        <translation>要打开的数据集（文件夹、.zip 或 .tar.gz），或要导入的 .cifarlab.zip 运行包。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the runs of this .cifarlab.zip bundle into the run history.</source>
        <translation>将此 .cifarlab.zip 运行包中的运行导入运行历史。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run history folder (default: CIFARLAB_HOME or the XDG data folder).</source>
        <translation>运行历史文件夹（默认：CIFARLAB_HOME 或 XDG 数据文件夹）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open this run (id) from the store.</source>
        <translation>从存储中打开此运行（按 ID）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Compare these runs (comma-separated ids) in the Compare tab.</source>
        <translation>在“比较”标签页中比较这些运行（以逗号分隔的 ID）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Select this test image (index) in the Images tab.</source>
        <translation>在“图像”标签页中选择此测试图像（索引）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lay the Grad-CAM map over the selected image.</source>
        <translation>将 Grad-CAM 热力图叠加在所选图像上。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put this preset&apos;s recipe in the form.</source>
        <translation>将此预设的配方填入表单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the learning-rate finder for the form&apos;s recipe once the dataset is loaded (with --screenshot: save the finder when its sweep ends).</source>
        <translation>数据集加载后为表单的配方打开学习率查找器（与 --screenshot 一起使用时：在扫描结束后保存查找器）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classify this image file or folder with the opened run (repeatable; with --grad-cam the first image&apos;s map is shown; with --screenshot: save the Classify Images window).</source>
        <translation>用已打开的运行对此图像文件或文件夹分类（可重复；配合 --grad-cam 显示第一幅图像的热力图；配合 --screenshot：保存“分类图像”窗口）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Map the opened run&apos;s test images in the Embedding tab with this method, tsne or pca (with --select-image: select that image in the map; with --screenshot: save once the map is ready).</source>
        <translation>在“嵌入”标签页中用此方法（tsne 或 pca）映射所打开运行的测试图像（配合 --select-image：在映射中选中该图像；配合 --screenshot：映射完成后保存）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Architecture to select.</source>
        <translation>要选择的架构。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Tab to show: live, confusion, images, weights, embedding, log, compare, dataset or architecture.</source>
        <translation>要显示的标签页：live、confusion、images、weights、embedding、log、compare、dataset 或 architecture。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save a PNG of the window once it is ready, then quit (for docs).</source>
        <translation>窗口就绪后将其保存为 PNG 截图，然后退出（用于文档）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window size WxH (with --screenshot).</source>
        <translation>窗口大小 WxH（与 --screenshot 一起使用）。</translation>
    </message>
</context>
</TS>
