<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BoardKeeper</name>
    <message>
        <source>That comparison&apos;s jobs are no longer recorded.</source>
        <translation>该对比的任务已不在记录中。</translation>
    </message>
    <message>
        <source>That action is not available here yet.</source>
        <translation>此处暂不支持该操作。</translation>
    </message>
</context>
<context>
    <name>CharCounter</name>
    <message>
        <source>{count} characters</source>
        <translation>{count} 个字符</translation>
    </message>
</context>
<context>
    <name>CompareBoard</name>
    <message>
        <source>Compare: {prompt}</source>
        <translation>对比：{prompt}</translation>
    </message>
    <message>
        <source>Show in gallery</source>
        <translation>在图库中显示</translation>
    </message>
    <message>
        <source>Show this comparison&apos;s images in the gallery (search group:{id})</source>
        <translation>在图库中显示此次对比的图片（搜索 group:{id}）</translation>
    </message>
    <message>
        <source>Results of {model}</source>
        <translation>{model} 的结果</translation>
    </message>
    <message>
        <source>{cost} · {time}</source>
        <translation>{cost} · {time}</translation>
    </message>
    <message>
        <source>%n model</source>
        <translation>%n 个模型</translation>
    </message>
    <message>
        <source>%n models</source>
        <translation>%n 个模型</translation>
    </message>
    <message>
        <source>{done} of {n} done</source>
        <translation>{n} 个中 {done} 个完成</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>The key works with {url}: {count} image models available.</source>
        <translation>密钥可用于 {url}：有 {count} 个图片模型可用。</translation>
    </message>
    <message>
        <source>The key did not work: the gateway at {url} rejected it. {reason}</source>
        <translation>密钥无效：{url} 的网关拒绝了它。{reason}</translation>
    </message>
    <message>
        <source>The key was not checked, because the gateway could not be reached (the key may be fine). {reason}</source>
        <translation>无法连接网关，因此未能验证密钥（密钥可能没有问题）。{reason}</translation>
    </message>
    <message>
        <source>The gateway at {url} rejected the API key: {reason} Change the key, or use the sandbox meanwhile.</source>
        <translation>{url} 的网关拒绝了 API 密钥：{reason} 请更换密钥，或暂时使用沙盒。</translation>
    </message>
    <message>
        <source>{reason} Queued jobs wait, and Generate is off until the gateway answers. Try again, or use the sandbox meanwhile.</source>
        <translation>{reason} 排队的任务会等待，网关响应前无法生成。请重试，或暂时使用沙盒。</translation>
    </message>
    <message>
        <source>Generate is off: the gateway is offline. Try again, or use the sandbox (Gateway menu).</source>
        <translation>无法生成：网关离线。请重试，或使用沙盒（网关菜单）。</translation>
    </message>
    <message>
        <source>Generate is off: the gateway rejected the API key. Change it, or use the sandbox.</source>
        <translation>无法生成：网关拒绝了 API 密钥。请更换密钥，或使用沙盒。</translation>
    </message>
    <message>
        <source>Generate is off: no API key is set. Paste one, or use the sandbox.</source>
        <translation>无法生成：未设置 API 密钥。请粘贴密钥，或使用沙盒。</translation>
    </message>
    <message>
        <source>Connecting to the gateway…</source>
        <translation>正在连接网关…</translation>
    </message>
    <message>
        <source>Paste your API key first (it starts with sk-).</source>
        <translation>请先粘贴 API 密钥（以 sk- 开头）。</translation>
    </message>
    <message>
        <source>The API key contains spaces or line breaks; paste it as one word.</source>
        <translation>API 密钥包含空格或换行；请作为一个整体粘贴。</translation>
    </message>
</context>
<context>
    <name>EditSourceRow</name>
    <message>
        <source>Stop editing</source>
        <translation>停止编辑</translation>
    </message>
    <message>
        <source>Generate from the prompt and references again</source>
        <translation>根据提示词和参考图重新生成</translation>
    </message>
    <message>
        <source>Preparing the image to edit…</source>
        <translation>正在准备要编辑的图片…</translation>
    </message>
    <message>
        <source>Editing {image} inside its mask</source>
        <translation>正在编辑 {image} 的蒙版区域</translation>
    </message>
    <message>
        <source>Editing {image}</source>
        <translation>正在编辑 {image}</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Use the sandbox</source>
        <translation>使用沙盒</translation>
    </message>
    <message>
        <source>Change key…</source>
        <translation>更换密钥…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Lemon Desktop hit an unexpected problem and carried on.</source>
        <translation>Lemon Desktop 遇到了意外问题，但仍在继续运行。</translation>
    </message>
    <message>
        <source>{message}

Details were written to {path}.</source>
        <translation>{message}

详细信息已写入 {path}。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export images</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Export 1 image to a folder.</source>
        <translation>将 1 张图片导出到文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>Export %n images to a folder.</source>
        <translation>
            <numerusform>将 %n 张图片导出到文件夹。</numerusform>
        </translation>
    </message>
    <message>
        <source>The folder to copy the images into</source>
        <translation>图片要复制到的文件夹</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>导出文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File name template</source>
        <translation>文件名模板</translation>
    </message>
    <message>
        <source>Fields: %1. Any field takes :N to keep its first N characters.</source>
        <translation>字段：%1。任何字段都可加 :N 只保留前 N 个字符。</translation>
    </message>
    <message>
        <source>Fields: %1</source>
        <translation>字段：%1</translation>
    </message>
    <message>
        <source>Keep the metadata (prompt, model and settings)</source>
        <translation>保留元数据（提示词、模型和设置）</translation>
    </message>
    <message>
        <source>Strip all metadata</source>
        <translation>去除所有元数据</translation>
    </message>
    <message>
        <source>Removes every record from the files, content credentials included.</source>
        <translation>从文件中移除所有记录，包括内容凭证。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>File names:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <source>Export to Folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Choose the folder to export to.</source>
        <translation>选择导出到的文件夹。</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Give the file names a template, e.g. %1.</source>
        <translation>请为文件名指定模板，例如 %1。</translation>
    </message>
</context>
<context>
    <name>ExtraParamsBox</name>
    <message>
        <source>Extra parameters (JSON)</source>
        <translation>额外参数（JSON）</translation>
    </message>
    <message>
        <source>Extra parameters as a JSON object</source>
        <translation>以 JSON 对象填写的额外参数</translation>
    </message>
    <message>
        <source>Not valid JSON: {msg} (line {line}, column {col}).</source>
        <translation>不是有效的 JSON：{msg}（第 {line} 行，第 {col} 列）。</translation>
    </message>
    <message>
        <source>Extra parameters must be a JSON object such as {&quot;seed&quot;: 42}.</source>
        <translation>额外参数必须是 JSON 对象，例如 {&quot;seed&quot;: 42}。</translation>
    </message>
</context>
<context>
    <name>Filmstrip</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>显示位置</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome to Lemon Desktop</source>
        <translation>欢迎使用 Lemon Desktop</translation>
    </message>
    <message>
        <source>To generate images, paste your LemonData API key. It is kept in your system keyring, never in a settings file. No key yet? Try the built-in sandbox: a local stand-in gateway that draws test images for free.</source>
        <translation>要生成图片，请粘贴你的 LemonData API 密钥。它保存在系统密钥环中，绝不会写入设置文件。还没有密钥？试试内置沙盒：一个在本机运行的替身网关，免费绘制测试图片。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <source>Save key and start</source>
        <translation>保存密钥并开始</translation>
    </message>
    <message>
        <source>Use for this session only</source>
        <translation>仅本次会话使用</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Keep the key although the gateway could not check it; Generate waits until the gateway answers</source>
        <translation>即使网关无法验证也保留此密钥；生成将等到网关响应</translation>
    </message>
    <message>
        <source>Use the sandbox meanwhile</source>
        <translation>暂时使用沙盒</translation>
    </message>
    <message>
        <source>Try the built-in sandbox</source>
        <translation>试用内置沙盒</translation>
    </message>
    <message>
        <source>Or, without a key:</source>
        <translation>或者，不用密钥：</translation>
    </message>
    <message>
        <source>{problem}
You can set {env} before starting the app, or paste the key below and use it for this session only.</source>
        <translation>{problem}
你可以在启动应用前设置 {env}，或在下方粘贴密钥，仅在本次会话中使用。</translation>
    </message>
    <message>
        <source>Asking the gateway about the key…</source>
        <translation>正在向网关验证密钥…</translation>
    </message>
    <message>
        <source>{found} The key was not saved.</source>
        <translation>{found} 密钥未保存。</translation>
    </message>
    <message>
        <source>{found} Save the key anyway (Generate waits until the gateway answers), or use the sandbox meanwhile.</source>
        <translation>{found} 可以仍然保存密钥（生成将等到网关响应），或暂时使用沙盒。</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>正在存储密钥…</translation>
    </message>
    <message>
        <source>The key could not be stored; see above.</source>
        <translation>无法存储密钥；见上文。</translation>
    </message>
</context>
<context>
    <name>FolderImport</name>
    <message>
        <source>The import ran out of memory and stopped.</source>
        <translation>导入时内存不足，已停止。</translation>
    </message>
    <message>
        <source>Indexed {0} images in place</source>
        <translation>已就地索引 {0} 张图片</translation>
    </message>
    <message>
        <source>Imported {0} images</source>
        <translation>已导入 {0} 张图片</translation>
    </message>
    <message>
        <source>{0} copied in from where they were</source>
        <translation>{0} 张已从原位置复制进来</translation>
    </message>
    <message>
        <source>{0} already in the library</source>
        <translation>{0} 张已在资料库中</translation>
    </message>
    <message>
        <source>{0} not images</source>
        <translation>{0} 个不是图片</translation>
    </message>
    <message>
        <source>{0} skipped</source>
        <translation>{0} 个已跳过</translation>
    </message>
    <message>
        <source>{0} could not be read</source>
        <translation>{0} 个无法读取</translation>
    </message>
    <message>
        <source>{0} folders could not be read</source>
        <translation>{0} 个文件夹无法读取</translation>
    </message>
    <message>
        <source>Stopped. </source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>…and {0} more.</source>
        <translation>…还有 {0} 个。</translation>
    </message>
    <message>
        <source>Folder {0} {1}</source>
        <translation>文件夹 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>FolderImportDialog</name>
    <message>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>A folder of PNG, JPEG or WebP images</source>
        <translation>包含 PNG、JPEG 或 WebP 图片的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Copy the images into the library</source>
        <translation>将图片复制到资料库</translation>
    </message>
    <message>
        <source>The library keeps them even if the folder is moved or deleted.</source>
        <translation>即使文件夹被移动或删除，资料库中也会保留这些图片。</translation>
    </message>
    <message>
        <source>Leave the images where they are</source>
        <translation>将图片留在原处</translation>
    </message>
    <message>
        <source>No second copy and a faster import. The library never moves or deletes these files; if they are moved inside the folder, Verify finds them again.</source>
        <translation>不另存副本，导入更快。资料库绝不会移动或删除这些文件；若它们在文件夹内被移动，“校验”会重新找到。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Choose the folder to import.</source>
        <translation>选择要导入的文件夹。</translation>
    </message>
    <message>
        <source>{0} is not a folder. Choose a folder that exists.</source>
        <translation>{0} 不是文件夹。请选择一个存在的文件夹。</translation>
    </message>
</context>
<context>
    <name>FolderImportProgress</name>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Looking for images in {0}…</source>
        <translation>正在 {0} 中查找图片…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation>处理完当前文件后停止…</translation>
    </message>
    <message>
        <source>Imported {0} of {1} files from {2}</source>
        <translation>已从 {2} 导入 {0}/{1} 个文件</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>Could not import: %1</source>
        <translation>无法导入：%1</translation>
    </message>
</context>
<context>
    <name>GalleryActions</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Copy Prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation>复用设置</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>标签…</translation>
    </message>
    <message>
        <source>Add to Album…</source>
        <translation>添加到相册…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Restore from Trash</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <source>Open Compare Board</source>
        <translation>打开对比板</translation>
    </message>
    <message>
        <source>No Rating</source>
        <translation>无评分</translation>
    </message>
    <message>
        <source>The gallery is still updating; try again.</source>
        <translation>图库仍在更新，请重试。</translation>
    </message>
    <message>
        <source>Could not read the selected images: %1</source>
        <translation>无法读取所选图片：%1</translation>
    </message>
    <message>
        <source>Reading the selected images; drag them again in a moment.</source>
        <translation>正在读取所选图片，请稍后再拖动一次。</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Image copied.</source>
        <translation>图片已复制。</translation>
    </message>
    <message>
        <source>No prompt stored for this image.</source>
        <translation>此图片没有保存提示词。</translation>
    </message>
    <message>
        <source>Prompt copied.</source>
        <translation>提示词已复制。</translation>
    </message>
    <message>
        <source>Tag Images</source>
        <translation>为图片加标签</translation>
    </message>
    <message>
        <source>Tags, separated by commas:</source>
        <translation>标签，以逗号分隔：</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Add to Album</source>
        <translation>添加到相册</translation>
    </message>
    <message>
        <source>Album (a new name creates it):</source>
        <translation>相册（输入新名称即新建）：</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>GalleryChips</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>♥ Favourites</source>
        <translation>♥ 收藏</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>相册</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Any model</source>
        <translation>任意模型</translation>
    </message>
    <message>
        <source>Any album</source>
        <translation>任意相册</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>任意评分</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <source>Search the gallery</source>
        <translation>搜索图库</translation>
    </message>
    <message>
        <source>Search prompts…   model:  tag:  album:  fav  rating:&gt;=4  ratio:16:9</source>
        <translation>搜索提示词…   model:  tag:  album:  fav  rating:&gt;=4  ratio:16:9</translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Arrow keys move; Enter shows the image on the stage; F: favourite; 0 to 5: rate; Delete: move to the trash; Ctrl+Z undoes a mark</source>
        <translation>方向键移动；Enter 在主画面显示图片；F：收藏；0 到 5：评分；Del：移到回收站；Ctrl+Z 撤销标记</translation>
    </message>
    <message>
        <source>No images match.</source>
        <translation>没有匹配的图片。</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>%n image</source>
        <translation>%n 张图片</translation>
    </message>
    <message>
        <source>%n images</source>
        <translation>%n 张图片</translation>
    </message>
    <message>
        <source>%1+ images</source>
        <translation>%1+ 张图片</translation>
    </message>
    <message>
        <source>· %1 selected</source>
        <translation>· 已选 %1 张</translation>
    </message>
</context>
<context>
    <name>GatewayActions</name>
    <message>
        <source>&amp;Gateway</source>
        <translation>网关(&amp;G)</translation>
    </message>
    <message>
        <source>Check the connection again</source>
        <translation>重新检查连接</translation>
    </message>
    <message>
        <source>Use the built-in sandbox</source>
        <translation>使用内置沙盒</translation>
    </message>
    <message>
        <source>Use the gateway with my key</source>
        <translation>用我的密钥连接网关</translation>
    </message>
    <message>
        <source>Change API key…</source>
        <translation>更换 API 密钥…</translation>
    </message>
    <message>
        <source>Paste the new key: it is checked with the gateway before it is stored.</source>
        <translation>粘贴新密钥：存储前会先经网关验证。</translation>
    </message>
</context>
<context>
    <name>GeneratePanel</name>
    <message>
        <source>Compare several models</source>
        <translation>对比多个模型</translation>
    </message>
    <message>
        <source>Tick models in the list to send one prompt to all of them side by side</source>
        <translation>在列表中勾选模型，将同一提示词发给它们并排对比</translation>
    </message>
    <message>
        <source>Send to this unlisted model anyway</source>
        <translation>仍然发送到这个未列出的模型</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>The library is not open yet; try again.</source>
        <translation>资料库尚未打开；请重试。</translation>
    </message>
    <message>
        <source>Choose a model.</source>
        <translation>请选择模型。</translation>
    </message>
    <message>
        <source>Adding the images to the library…</source>
        <translation>正在将图片添加到资料库…</translation>
    </message>
    <message>
        <source>The images cannot be sent as they are: see above.</source>
        <translation>图片无法按原样发送：见上文。</translation>
    </message>
    <message>
        <source>{model} only finishes images it is given (upscaling, background removal, edits); it cannot make one from a prompt. Choose another model.</source>
        <translation>{model} 只能处理给定的图片（放大、去除背景、编辑），不能根据提示词生成图片。请选择其他模型。</translation>
    </message>
    <message>
        <source>{model} is not in the gateway&apos;s model list. Choose a model from the list, or tick “Send to this unlisted model anyway”.</source>
        <translation>{model} 不在网关的模型列表中。请从列表中选择模型，或勾选“仍然发送到这个未列出的模型”。</translation>
    </message>
    <message>
        <source>Checking the images…</source>
        <translation>正在检查图片…</translation>
    </message>
    <message>
        <source>Tick at least two models in the list to compare them.</source>
        <translation>请在列表中至少勾选两个模型进行对比。</translation>
    </message>
    <message>
        <source>{reason} Untick it or change the setting.</source>
        <translation>{reason} 请取消勾选或修改设置。</translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation>费用未知</translation>
    </message>
    <message>
        <source>The gateway&apos;s price list gives no usable price for {model}</source>
        <translation>网关价目表中没有 {model} 的可用价格</translation>
    </message>
    <message>
        <source>≈ {cost}</source>
        <translation>≈ {cost}</translation>
    </message>
    <message>
        <source>Estimated from the gateway&apos;s price list</source>
        <translation>根据网关价目表估算</translation>
    </message>
</context>
<context>
    <name>HistoryPopup</name>
    <message>
        <source>Search earlier prompts…</source>
        <translation>搜索以前的提示词…</translation>
    </message>
    <message>
        <source>No prompts yet: each one you generate is kept here.</source>
        <translation>还没有提示词：每次生成用的提示词都会保存在这里。</translation>
    </message>
    <message>
        <source>No earlier prompt contains those words.</source>
        <translation>以前的提示词中没有这些词。</translation>
    </message>
</context>
<context>
    <name>ImageActions</name>
    <message>
        <source>Mask ready: write what goes there and press Generate (Ctrl+Enter).</source>
        <translation>蒙版已就绪：写下要画的内容，然后点击生成（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Tagged %n image.</source>
        <translation>已为 %n 张图片添加标签。</translation>
    </message>
    <message>
        <source>Tagged %n images.</source>
        <translation>已为 %n 张图片添加标签。</translation>
    </message>
    <message>
        <source>Added %n image to the album.</source>
        <translation>已将 %n 张图片添加到相册。</translation>
    </message>
    <message>
        <source>Added %n images to the album.</source>
        <translation>已将 %n 张图片添加到相册。</translation>
    </message>
    <message>
        <source>Restored %n image.</source>
        <translation>已恢复 %n 张图片。</translation>
    </message>
    <message>
        <source>Restored %n images.</source>
        <translation>已恢复 %n 张图片。</translation>
    </message>
</context>
<context>
    <name>ImageCell</name>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Rate this image</source>
        <translation>为此图片评分</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Open, use as reference, edit</source>
        <translation>打开、用作参考图、编辑</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>更多操作</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>选定</translation>
    </message>
    <message>
        <source>Pick this one: it becomes a favourite, and the others can go to the trash</source>
        <translation>选定这张：它会加入收藏，其余的可移到回收站</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>无评分</translation>
    </message>
    <message>
        <source>Open in the viewer</source>
        <translation>在查看器中打开</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已选定</translation>
    </message>
    <message>
        <source>In the trash</source>
        <translation>在回收站中</translation>
    </message>
</context>
<context>
    <name>ImageDetails</name>
    <message>
        <source>Original metadata</source>
        <translation>原始元数据</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Revised prompt</source>
        <translation>改写后的提示词</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>反向提示词</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Marks</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Albums</source>
        <translation>相册</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>异步任务</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Source URL</source>
        <translation>来源 URL</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>In trash since</source>
        <translation>移入回收站时间</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Image Viewer</source>
        <translation>图片查看器</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Reuse Settings</source>
        <translation>复用设置</translation>
    </message>
    <message>
        <source>Fill the generate panel</source>
        <translation>填入生成面板</translation>
    </message>
    <message>
        <source>%1 — Image Viewer</source>
        <translation>%1 — 图片查看器</translation>
    </message>
    <message>
        <source>Could not open the image: %1</source>
        <translation>无法打开图片：%1</translation>
    </message>
</context>
<context>
    <name>JobController</name>
    <message>
        <source>Not sent to %1: %2</source>
        <translation>未发送到 %1：%2</translation>
    </message>
</context>
<context>
    <name>JobOverlay</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已暂扣</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>preview %1</source>
        <translation>预览 %1</translation>
    </message>
</context>
<context>
    <name>KeySection</name>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>sk-…  (paste a new key to replace the stored one)</source>
        <translation>sk-…（粘贴新密钥以替换已存储的密钥）</translation>
    </message>
    <message>
        <source>Store in keyring</source>
        <translation>存入密钥环</translation>
    </message>
    <message>
        <source>Clear stored key</source>
        <translation>清除已存密钥</translation>
    </message>
    <message>
        <source>Store anyway</source>
        <translation>仍然存储</translation>
    </message>
    <message>
        <source>Asking the system keyring…</source>
        <translation>正在查询系统密钥环…</translation>
    </message>
    <message>
        <source>Using the key from the LEMONDATA_API_KEY environment variable.</source>
        <translation>正在使用 LEMONDATA_API_KEY 环境变量中的密钥。</translation>
    </message>
    <message>
        <source>A key is stored in the system keyring.</source>
        <translation>系统密钥环中已存有密钥。</translation>
    </message>
    <message>
        <source>No key is stored.</source>
        <translation>未存储密钥。</translation>
    </message>
    <message>
        <source>Asking the gateway about the key…</source>
        <translation>正在向网关验证密钥…</translation>
    </message>
    <message>
        <source>{found} The key was not stored.</source>
        <translation>{found} 密钥未存储。</translation>
    </message>
    <message>
        <source>{found} Store it anyway, or use the sandbox meanwhile.</source>
        <translation>{found} 可以仍然存储，或暂时使用沙盒。</translation>
    </message>
    <message>
        <source>Storing the key…</source>
        <translation>正在存储密钥…</translation>
    </message>
    <message>
        <source>Key stored in the system keyring.</source>
        <translation>密钥已存入系统密钥环。</translation>
    </message>
    <message>
        <source>Stored key removed.</source>
        <translation>已删除存储的密钥。</translation>
    </message>
    <message>
        <source>There was no stored key.</source>
        <translation>之前没有存储密钥。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the library…</source>
        <translation>正在打开资料库…</translation>
    </message>
    <message>
        <source>Updating the library for this version (once; large libraries take a few minutes)…</source>
        <translation>正在为此版本更新资料库（仅此一次；大型资料库需要几分钟）…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Starting the sandbox…</source>
        <translation>正在启动沙盒…</translation>
    </message>
    <message>
        <source>{app} — Sandbox</source>
        <translation>{app} — 沙盒</translation>
    </message>
    <message>
        <source>Settings filled in; nothing was generated.</source>
        <translation>已填入设置；没有生成任何内容。</translation>
    </message>
    <message>
        <source>The dropped image carries its settings ({model}). Reuse them?</source>
        <translation>拖入的图片带有其设置（{model}）。要复用吗？</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>未知模型</translation>
    </message>
    <message>
        <source>Reuse settings</source>
        <translation>复用设置</translation>
    </message>
    <message>
        <source>The library is still opening; try again shortly.</source>
        <translation>资料库仍在打开中；请稍后再试。</translation>
    </message>
    <message>
        <source>The new library folder is used from the next start.</source>
        <translation>新的资料库文件夹将在下次启动时使用。</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>Running against the built-in sandbox: images are test drawings, nothing is billed</source>
        <translation>正在使用内置沙盒：图片是测试绘图，不会产生费用</translation>
    </message>
</context>
<context>
    <name>MarkHistory</name>
    <message>
        <source>rating (1 image)</source>
        <translation>评分（1 张图片）</translation>
    </message>
    <message>
        <source>rating (%n images)</source>
        <translation>评分（%n 张图片）</translation>
    </message>
    <message>
        <source>Rating cleared on 1 image.</source>
        <translation>已清除 1 张图片的评分。</translation>
    </message>
    <message>
        <source>Rating cleared on %n images.</source>
        <translation>已清除 %n 张图片的评分。</translation>
    </message>
    <message>
        <source>Rated 1 image %1.</source>
        <translation>已将 1 张图片评为 %1。</translation>
    </message>
    <message>
        <source>Rated %n images %1.</source>
        <translation>已将 %n 张图片评为 %1。</translation>
    </message>
    <message>
        <source>favourite (1 image)</source>
        <translation>收藏（1 张图片）</translation>
    </message>
    <message>
        <source>favourite (%n images)</source>
        <translation>收藏（%n 张图片）</translation>
    </message>
    <message>
        <source>1 image marked as favourite.</source>
        <translation>已将 1 张图片加入收藏。</translation>
    </message>
    <message>
        <source>%n images marked as favourites.</source>
        <translation>已将 %n 张图片加入收藏。</translation>
    </message>
    <message>
        <source>unfavourite (1 image)</source>
        <translation>取消收藏（1 张图片）</translation>
    </message>
    <message>
        <source>unfavourite (%n images)</source>
        <translation>取消收藏（%n 张图片）</translation>
    </message>
    <message>
        <source>1 image no longer a favourite.</source>
        <translation>已将 1 张图片移出收藏。</translation>
    </message>
    <message>
        <source>%n images no longer favourites.</source>
        <translation>已将 %n 张图片移出收藏。</translation>
    </message>
    <message>
        <source>Ctrl+Z undoes it.</source>
        <translation>按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Undid %1.</source>
        <translation>已撤销：%1。</translation>
    </message>
    <message>
        <source>Redid %1.</source>
        <translation>已重做：%1。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做：%1</translation>
    </message>
</context>
<context>
    <name>MaskBar</name>
    <message>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Brush size (pixels)</source>
        <translation>画笔大小（像素）</translation>
    </message>
    <message>
        <source>Hardness</source>
        <translation>硬度</translation>
    </message>
    <message>
        <source>Hardness: soft to hard edge</source>
        <translation>硬度：从柔和到锐利的边缘</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反转</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Same area as before</source>
        <translation>与之前相同的区域</translation>
    </message>
    <message>
        <source>Load the mask this image was made with</source>
        <translation>载入生成此图片时使用的蒙版</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Use mask</source>
        <translation>使用蒙版</translation>
    </message>
    <message>
        <source>Edit the painted area: the prompt says what goes there</source>
        <translation>编辑涂抹区域：由提示词说明要画什么</translation>
    </message>
</context>
<context>
    <name>MaskPainter</name>
    <message>
        <source>The mask could not be read.</source>
        <translation>无法读取蒙版。</translation>
    </message>
    <message>
        <source>The mask is %1 and the picture %2: it cannot be laid over it.</source>
        <translation>蒙版为 %1，图片为 %2：无法叠加。</translation>
    </message>
    <message>
        <source>Paint where the picture should change first: the mask is empty.</source>
        <translation>请先涂抹需要改变的区域：蒙版是空的。</translation>
    </message>
    <message>
        <source>The mask covers the whole picture, so nothing would be kept: leave some of it unpainted, or edit without a mask.</source>
        <translation>蒙版覆盖了整张图片，什么都不会保留：请留出部分不涂，或不用蒙版进行编辑。</translation>
    </message>
</context>
<context>
    <name>ModelLane</name>
    <message>
        <source>What this model&apos;s jobs cost, and how long they took</source>
        <translation>此模型任务的费用和耗时</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Search models…</source>
        <translation>搜索模型…</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Filters the list; Up and Down move in it, Enter chooses</source>
        <translation>筛选列表；上/下方向键移动，Enter 选择</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>{rate} ok in 24 h</source>
        <translation>24 小时成功率 {rate}</translation>
    </message>
    <message>
        <source>#{rank}</source>
        <translation>#{rank}</translation>
    </message>
    <message>
        <source>{model}: no profile here, so only common settings plus extras</source>
        <translation>{model}：此处没有配置档案，只有通用设置和额外参数</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>移出收藏</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>加入收藏</translation>
    </message>
    <message>
        <source>Choose {model}</source>
        <translation>选择 {model}</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Existing names are offered as you type.</source>
        <translation>输入时会提示已有名称。</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Queued {model}.</source>
        <translation>{model} 已加入队列。</translation>
    </message>
    <message>
        <source>{model} is held: {reason}</source>
        <translation>{model} 已暂扣：{reason}</translation>
    </message>
    <message>
        <source>Sending to {model}…</source>
        <translation>正在发送到 {model}…</translation>
    </message>
    <message>
        <source>{model} is running… {percent}%</source>
        <translation>{model} 运行中… {percent}%</translation>
    </message>
    <message>
        <source>{model} is running…</source>
        <translation>{model} 运行中…</translation>
    </message>
    <message>
        <source>Downloading the result of {model}…</source>
        <translation>正在下载 {model} 的结果…</translation>
    </message>
    <message>
        <source>{model}: done, 1 image stored.</source>
        <translation>{model}：完成，已保存 1 张图片。</translation>
    </message>
    <message>
        <source>{model}: done, {n} images stored.</source>
        <translation>{model}：完成，已保存 {n} 张图片。</translation>
    </message>
    <message>
        <source>{model}: cancelled.</source>
        <translation>{model}：已取消。</translation>
    </message>
    <message>
        <source>{model}: outcome unknown. It may have run; nothing was sent again.</source>
        <translation>{model}：结果未知。它可能已运行；没有重新发送。</translation>
    </message>
    <message>
        <source>{model} failed: {reason}</source>
        <translation>{model} 失败：{reason}</translation>
    </message>
    <message>
        <source>Batch of {n}: {finished} finished, {done} done…</source>
        <translation>{n} 个任务的批次：{finished} 个已结束，{done} 个完成…</translation>
    </message>
    <message>
        <source>Batch of {n}: all done.</source>
        <translation>{n} 个任务的批次：全部完成。</translation>
    </message>
    <message>
        <source>Batch of {n} finished: {done} done, {other} not (see the queue).</source>
        <translation>{n} 个任务的批次已结束：{done} 个完成，{other} 个未完成（见队列）。</translation>
    </message>
    <message>
        <source>Lemon Desktop</source>
        <translation>Lemon Desktop</translation>
    </message>
    <message>
        <source>Image ready</source>
        <translation>图片已就绪</translation>
    </message>
    <message>
        <source>{model}: {prompt}</source>
        <translation>{model}：{prompt}</translation>
    </message>
    <message>
        <source>Job failed</source>
        <translation>任务失败</translation>
    </message>
</context>
<context>
    <name>PanelInputs</name>
    <message>
        <source>{model} takes no reference images; {others} do.</source>
        <translation>{model} 不接受参考图；{others} 可以。</translation>
    </message>
    <message>
        <source>{model} edits one image and takes no references beside it.</source>
        <translation>{model} 只编辑一张图片，不另外接受参考图。</translation>
    </message>
</context>
<context>
    <name>ParamDefaults</name>
    <message>
        <source>the model chooses</source>
        <translation>由模型决定</translation>
    </message>
    <message>
        <source>model default: not documented</source>
        <translation>模型默认：文档未说明</translation>
    </message>
    <message>
        <source>model default: {value}</source>
        <translation>模型默认：{value}</translation>
    </message>
</context>
<context>
    <name>ParamEditors</name>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
</context>
<context>
    <name>PausedBanner</name>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Send the jobs whose price is unknown, although a spending cap is set</source>
        <translation>尽管设置了支出上限，仍发送价格未知的任务</translation>
    </message>
    <message>
        <source>The queue is paused: {reason}</source>
        <translation>队列已暂停：{reason}</translation>
    </message>
</context>
<context>
    <name>PickBar</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Bring the trashed images back</source>
        <translation>恢复回收站中的图片</translation>
    </message>
    <message>
        <source>Picked the image from {model}: it is a favourite now.</source>
        <translation>已选定 {model} 的图片：它现在已收藏。</translation>
    </message>
    <message>
        <source>Move the other %n to the trash</source>
        <translation>将其余 %n 张移到回收站</translation>
    </message>
    <message>
        <source>Moved %n image to the trash.</source>
        <translation>已将 %n 张图片移到回收站。</translation>
    </message>
    <message>
        <source>Moved %n images to the trash.</source>
        <translation>已将 %n 张图片移到回收站。</translation>
    </message>
    <message>
        <source>Restored %n image.</source>
        <translation>已恢复 %n 张图片。</translation>
    </message>
    <message>
        <source>Restored %n images.</source>
        <translation>已恢复 %n 张图片。</translation>
    </message>
</context>
<context>
    <name>PresetBar</name>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Apply a saved model and its settings</source>
        <translation>应用已保存的模型及其设置</translation>
    </message>
    <message>
        <source>Preset ▾</source>
        <translation>预设 ▾</translation>
    </message>
    <message>
        <source>Save as preset…</source>
        <translation>另存为预设…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>There is no preset called “{name}”.</source>
        <translation>没有名为“{name}”的预设。</translation>
    </message>
    <message>
        <source>The template has no {subject}: it replaces the prompt.</source>
        <translation>模板中没有 {subject}：它将替换整个提示词。</translation>
    </message>
    <message>
        <source>Choose a preset to rename first.</source>
        <translation>请先选择要重命名的预设。</translation>
    </message>
    <message>
        <source>Rename preset</source>
        <translation>重命名预设</translation>
    </message>
    <message>
        <source>New name</source>
        <translation>新名称</translation>
    </message>
    <message>
        <source>Choose a preset to delete first.</source>
        <translation>请先选择要删除的预设。</translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <source>Delete the preset “{name}”?</source>
        <translation>删除预设“{name}”？</translation>
    </message>
</context>
<context>
    <name>PromptBox</name>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Ctrl+Enter generates; Up and Down browse the prompts used before</source>
        <translation>Ctrl+Enter 生成；上/下方向键浏览用过的提示词</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <source>Search the prompts you used before</source>
        <translation>搜索你用过的提示词</translation>
    </message>
</context>
<context>
    <name>PromptEdit</name>
    <message>
        <source>Describe the image you want…  (Ctrl+Enter generates, ↑/↓ browse history)</source>
        <translation>描述你想要的图片…（Ctrl+Enter 生成，↑/↓ 浏览历史）</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已暂扣</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>The app stopped while this job was being sent, so the gateway may or may not have run it (and billed it). Nothing was sent again automatically. Look for the image in the gallery; Retry sends the same request once more.</source>
        <translation>发送此任务时应用停止了，所以网关可能运行（并扣费）了，也可能没有。没有自动重新发送。请在图库中查找图片；“重试”会再发送一次相同的请求。</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>已扣费</translation>
    </message>
    <message>
        <source>Estimated before sending</source>
        <translation>发送前估算</translation>
    </message>
    <message>
        <source>The gateway may have run this job and charged about this much</source>
        <translation>网关可能已运行此任务并扣费约此金额</translation>
    </message>
    <message>
        <source>Nothing charged: the job did not run, or the gateway refunds it</source>
        <translation>未扣费：任务未运行，或网关会退款</translation>
    </message>
    <message>
        <source>Price unknown: the gateway&apos;s price for this model could not be read</source>
        <translation>价格未知：无法读取网关对此模型的定价</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{amount} + unknown</source>
        <translation>{amount} + 未知</translation>
    </message>
    <message>
        <source>{done} of {n} done</source>
        <translation>{n} 个中 {done} 个完成</translation>
    </message>
    <message>
        <source>{active} of {n} running</source>
        <translation>{n} 个中 {active} 个运行中</translation>
    </message>
    <message>
        <source>Batch of {n}: {models}</source>
        <translation>{n} 个任务的批次：{models}</translation>
    </message>
    <message>
        <source>{n} prompts</source>
        <translation>{n} 条提示词</translation>
    </message>
    <message>
        <source>{n} with a problem: select a job for its reason</source>
        <translation>{n} 个有问题：选择任务查看原因</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Waits for the sandbox gateway, where it was made: choose Gateway → Use the built-in sandbox to run it.</source>
        <translation>等待创建它的沙盒网关：选择“网关”→“使用内置沙盒”即可运行。</translation>
    </message>
    <message>
        <source>Waits for gateway {url}, where it was made: set the base URL in Settings to {url} to run it.</source>
        <translation>等待创建它的网关 {url}：在设置中将基础 URL 设为 {url} 即可运行。</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Cancel every unfinished job of this batch; Open shows its compare board</source>
        <translation>取消此批次中所有未完成的任务；“打开”显示其对比板</translation>
    </message>
    <message>
        <source>Open board: this batch&apos;s results side by side</source>
        <translation>打开对比板：并排查看此批次的结果</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Clear finished</source>
        <translation>清除已结束</translation>
    </message>
    <message>
        <source>Hide done, failed and cancelled jobs from this list. Nothing is deleted: their images stay in the gallery, and the command line&apos;s “jobs list” and “jobs check” still find every job.</source>
        <translation>从列表中隐藏已完成、失败和已取消的任务。不会删除任何内容：图片仍在图库中，命令行的“jobs list”和“jobs check”仍能找到所有任务。</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Up and Down choose a job; Ctrl+O opens its image, Ctrl+R retries it, Ctrl+Backspace cancels it</source>
        <translation>上/下方向键选择任务；Ctrl+O 打开其图片，Ctrl+R 重试，Ctrl+Backspace 取消</translation>
    </message>
    <message>
        <source>No jobs yet. Write a prompt and press Ctrl+Enter.</source>
        <translation>还没有任务。写下提示词并按 Ctrl+Enter。</translation>
    </message>
    <message>
        <source>{n} running</source>
        <translation>{n} 个运行中</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 个等待中</translation>
    </message>
    <message>
        <source>{n} for another gateway</source>
        <translation>{n} 个属于其他网关</translation>
    </message>
    <message>
        <source>{n} finished</source>
        <translation>{n} 个已结束</translation>
    </message>
    <message>
        <source>Queue: {parts}</source>
        <translation>队列：{parts}</translation>
    </message>
    <message>
        <source>{model}, {state}: {reason}</source>
        <translation>{model}，{state}：{reason}</translation>
    </message>
    <message>
        <source>new jobs are on hold.</source>
        <translation>新任务已暂缓。</translation>
    </message>
    <message>
        <source>Open board</source>
        <translation>打开对比板</translation>
    </message>
</context>
<context>
    <name>ReferenceList</name>
    <message>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Alt+Left and Alt+Right move an image; Delete removes it; Ctrl+V pastes</source>
        <translation>Alt+左/右 移动图片；Delete 移除；Ctrl+V 粘贴</translation>
    </message>
</context>
<context>
    <name>ReferenceTray</name>
    <message>
        <source>References</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add images the model works from (or drop, drag from the gallery, paste)</source>
        <translation>添加模型所依据的图片（也可拖放、从图库拖入或粘贴）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected images from the tray (Del)</source>
        <translation>从托盘中移除所选图片（Del）</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <source>image {id}</source>
        <translation>图片 {id}</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <source>The library is not open yet; try again in a moment.</source>
        <translation>资料库尚未打开；请稍后重试。</translation>
    </message>
    <message>
        <source>{model} takes no reference images.</source>
        <translation>{model} 不接受参考图。</translation>
    </message>
    <message>
        <source>{model} takes at most {limit} images; not added: {names}.</source>
        <translation>{model} 最多接受 {limit} 张图片；未添加：{names}。</translation>
    </message>
    <message>
        <source>{name} is already in the tray.</source>
        <translation>{name} 已在托盘中。</translation>
    </message>
    <message>
        <source>Add reference images</source>
        <translation>添加参考图</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>{n} of {limit}</source>
        <translation>{n} / {limit}</translation>
    </message>
    <message>
        <source>none taken</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{model} takes up to {limit} images</source>
        <translation>{model} 最多接受 {limit} 张图片</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>未采用</translation>
    </message>
    <message>
        <source>{name}: left out, {model} takes {limit}</source>
        <translation>{name}：未采用，{model} 只接受 {limit} 张</translation>
    </message>
    <message>
        <source>{model} takes {limit}; left out: {names}.</source>
        <translation>{model} 接受 {limit} 张；未采用：{names}。</translation>
    </message>
    <message>
        <source>{reason} Left out: {names}.</source>
        <translation>{reason} 未采用：{names}。</translation>
    </message>
    <message>
        <source>Drop images here, drag them from the gallery or paste (Ctrl+V).</source>
        <translation>将图片拖放到此处、从图库拖入或粘贴（Ctrl+V）。</translation>
    </message>
    <message>
        <source>References (adding {n}…)</source>
        <translation>参考图（正在添加 {n} 张…）</translation>
    </message>
</context>
<context>
    <name>SavePresetDialog</name>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Poster, watercolour, product shot…</source>
        <translation>海报、水彩、产品照…</translation>
    </message>
    <message>
        <source>Keep the prompt as a template</source>
        <translation>将提示词保留为模板</translation>
    </message>
    <message>
        <source>a watercolour of {subject}, soft light</source>
        <translation>{subject}的水彩画，柔和光线</translation>
    </message>
    <message>
        <source>Write {subject} where the part that changes goes: applying the preset puts the prompt you have then in its place.</source>
        <translation>在需要变化的位置写 {subject}：应用预设时，会用当时的提示词替换它。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>Fields: {date} {model} {prompt:40} {n} … (see the library docs)</source>
        <translation>字段：{date} {model} {prompt:40} {n} …（见资料库文档）</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>资料库文件夹</translation>
    </message>
    <message>
        <source>Concurrent jobs</source>
        <translation>并发任务数</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>读取超时</translation>
    </message>
    <message>
        <source>Task timeout</source>
        <translation>异步任务超时</translation>
    </message>
    <message>
        <source>Poll interval</source>
        <translation>轮询间隔</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>默认模型</translation>
    </message>
    <message>
        <source>Daily spending cap ($)</source>
        <translation>每日支出上限（$）</translation>
    </message>
    <message>
        <source>Export file names</source>
        <translation>导出文件名</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>(applies the next time the app starts)</source>
        <translation>（下次启动应用时生效）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>LemonData (the default)</source>
        <translation>LemonData（默认）</translation>
    </message>
    <message>
        <source>LemonData at api.tokenlab.sh, where its newest documentation is published</source>
        <translation>api.tokenlab.sh 上的 LemonData，最新文档在此发布</translation>
    </message>
    <message>
        <source>The gateway&apos;s address: pick one it publishes, or type another https URL</source>
        <translation>网关地址：选择官方公布的地址，或输入其他 https URL</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Gallery</source>
        <translation>图库</translation>
    </message>
    <message>
        <source>Image viewer</source>
        <translation>图片查看器</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Focus the prompt</source>
        <translation>聚焦提示词</translation>
    </message>
    <message>
        <source>Search the gallery</source>
        <translation>搜索图库</translation>
    </message>
    <message>
        <source>Search models</source>
        <translation>搜索模型</translation>
    </message>
    <message>
        <source>Compare several models</source>
        <translation>对比多个模型</translation>
    </message>
    <message>
        <source>Cancel the selected job</source>
        <translation>取消所选任务</translation>
    </message>
    <message>
        <source>Retry the selected job</source>
        <translation>重试所选任务</translation>
    </message>
    <message>
        <source>Open the selected job&apos;s image</source>
        <translation>打开所选任务的图片</translation>
    </message>
    <message>
        <source>Resume a paused queue</source>
        <translation>继续已暂停的队列</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Undo a rating or favourite</source>
        <translation>撤销评分或收藏</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Open the image in the viewer</source>
        <translation>在查看器中打开图片</translation>
    </message>
    <message>
        <source>Move the selected images to the trash</source>
        <translation>将所选图片移到回收站</translation>
    </message>
    <message>
        <source>Copy the image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Favourite / unfavourite</source>
        <translation>收藏 / 取消收藏</translation>
    </message>
    <message>
        <source>Clear the rating</source>
        <translation>清除评分</translation>
    </message>
    <message>
        <source>Rate ★</source>
        <translation>评为 ★</translation>
    </message>
    <message>
        <source>Rate ★★</source>
        <translation>评为 ★★</translation>
    </message>
    <message>
        <source>Rate ★★★</source>
        <translation>评为 ★★★</translation>
    </message>
    <message>
        <source>Rate ★★★★</source>
        <translation>评为 ★★★★</translation>
    </message>
    <message>
        <source>Rate ★★★★★</source>
        <translation>评为 ★★★★★</translation>
    </message>
    <message>
        <source>Edit (paint a mask)</source>
        <translation>编辑（绘制蒙版）</translation>
    </message>
    <message>
        <source>Use as reference</source>
        <translation>用作参考图</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>变体</translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Remove background</source>
        <translation>去除背景</translation>
    </message>
    <message>
        <source>Next image</source>
        <translation>下一张</translation>
    </message>
    <message>
        <source>Previous image</source>
        <translation>上一张</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit to the window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Actual size (100 %)</source>
        <translation>实际大小（100%）</translation>
    </message>
    <message>
        <source>Close the viewer</source>
        <translation>关闭查看器</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SizeEditor</name>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Lock ratio</source>
        <translation>锁定比例</translation>
    </message>
    <message>
        <source>Keep the aspect ratio when one side changes</source>
        <translation>修改一边时保持宽高比</translation>
    </message>
    <message>
        <source>Nearest valid</source>
        <translation>最接近的有效值</translation>
    </message>
    <message>
        <source>Move to the closest size this model accepts</source>
        <translation>改为此模型接受的最接近尺寸</translation>
    </message>
</context>
<context>
    <name>StageActionBar</name>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>No rating</source>
        <translation>无评分</translation>
    </message>
    <message>
        <source>Rate (0-5)</source>
        <translation>评分（0-5）</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>显示位置</translation>
    </message>
    <message>
        <source>Show in the folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move to the trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Every detail of the image</source>
        <translation>图片的全部详情</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>The image alone</source>
        <translation>仅图片</translation>
    </message>
    <message>
        <source>%1 of 5 stars</source>
        <translation>%1 星（满分 5 星）</translation>
    </message>
</context>
<context>
    <name>StageCanvas</name>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Left and Right: the previous and next image; + and -: zoom; Ctrl+0: fit; F: favourite; 0 to 5: rate; E, R, V, U, B: edit, use as reference, vary, upscale, remove background</source>
        <translation>左/右：上一张和下一张；+ 和 -：缩放；Ctrl+0：适应；F：收藏；0 到 5：评分；E、R、V、U、B：编辑、用作参考图、变体、放大、去除背景</translation>
    </message>
</context>
<context>
    <name>StageDetails</name>
    <message>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>Rate %1 (again to clear)</source>
        <translation>评 %1（再点一次清除）</translation>
    </message>
    <message>
        <source>Rate %1 of 5</source>
        <translation>评分 %1（满分 5）</translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation>标签，以逗号分隔</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Copy prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <source>Made from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Made from this</source>
        <translation>由此生成</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制%1</translation>
    </message>
    <message>
        <source>%1 · gone (sha256 %2…)</source>
        <translation>%1 · 已不存在（sha256 %2…）</translation>
    </message>
    <message>
        <source>%1 · image %2</source>
        <translation>%1 · 图片 %2</translation>
    </message>
    <message>
        <source>(in the trash)</source>
        <translation>（在回收站中）</translation>
    </message>
</context>
<context>
    <name>StagePanel</name>
    <message>
        <source>Could not show the image: %1</source>
        <translation>无法显示图片：%1</translation>
    </message>
</context>
<context>
    <name>TilePrices</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>UndoBanner</name>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>WipeBar</name>
    <message>
        <source>Composite</source>
        <translation>合成</translation>
    </message>
    <message>
        <source>The edit put back onto the original: pixels outside the mask kept exactly</source>
        <translation>编辑结果合成回原图：蒙版外的像素完全保持不变</translation>
    </message>
    <message>
        <source>Raw result</source>
        <translation>原始结果</translation>
    </message>
    <message>
        <source>What the model returned, as it returned it</source>
        <translation>模型返回的原样结果</translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Red where the model changed pixels the mask protected; the edited area blue</source>
        <translation>红色表示模型改动了蒙版保护的像素；蓝色为编辑区域</translation>
    </message>
    <message>
        <source>Before / after</source>
        <translation>前后对比</translation>
    </message>
    <message>
        <source>The original left of the line, the result right of it</source>
        <translation>分割线左侧为原图，右侧为结果</translation>
    </message>
    <message>
        <source>Where the wipe line is</source>
        <translation>分割线的位置</translation>
    </message>
    <message>
        <source>Outside the mask: %1 changed</source>
        <translation>蒙版外：%1 有变化</translation>
    </message>
    <message>
        <source>No composite</source>
        <translation>无合成</translation>
    </message>
</context>
<context>
    <name>WipeLayer</name>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>usually inline</source>
        <translation>通常同步返回</translation>
    </message>
    <message>
        <source>task-based</source>
        <translation>异步任务</translation>
    </message>
    <message>
        <source>price unknown</source>
        <translation>价格未知</translation>
    </message>
    <message>
        <source>finishing only, not text-to-image</source>
        <translation>仅用于后期处理，不能文生图</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>End-user ID</source>
        <translation>最终用户 ID</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Moderation</source>
        <translation>内容审核</translation>
    </message>
    <message>
        <source>Output format</source>
        <translation>输出格式</translation>
    </message>
    <message>
        <source>Partial previews</source>
        <translation>渐进预览</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Response format</source>
        <translation>返回格式</translation>
    </message>
    <message>
        <source>Run as task</source>
        <translation>以异步任务运行</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>风格</translation>
    </message>
    <message>
        <source>A preset or any WIDTHxHEIGHT; this model&apos;s limits are unknown.</source>
        <translation>预设尺寸或任意 宽x高；此模型的限制未知。</translation>
    </message>
    <message>
        <source>An identifier for the end user, passed on for abuse monitoring.</source>
        <translation>最终用户的标识，转交用于滥用监控。</translation>
    </message>
    <message>
        <source>Compression level 0-100 for JPEG or WebP output.</source>
        <translation>JPEG 或 WebP 输出的压缩级别（0-100）。</translation>
    </message>
    <message>
        <source>Content filter strictness; low filters less (unset means auto).</source>
        <translation>内容过滤严格度；“低”过滤较少（未设置即自动）。</translation>
    </message>
    <message>
        <source>Create a task and poll for it instead of holding the request open; returns URLs only.</source>
        <translation>创建异步任务并轮询结果，而不是保持请求连接；仅返回 URL。</translation>
    </message>
    <message>
        <source>File format of the generated image (unset means PNG).</source>
        <translation>生成图片的文件格式（未设置即 PNG）。</translation>
    </message>
    <message>
        <source>How many images one request makes.</source>
        <translation>一次请求生成的图片数量。</translation>
    </message>
    <message>
        <source>Output resolution tier; higher tiers cost more and take longer.</source>
        <translation>输出分辨率档位；档位越高费用越高、耗时越长。</translation>
    </message>
    <message>
        <source>Output size in pixels.</source>
        <translation>输出尺寸（像素）。</translation>
    </message>
    <message>
        <source>Previews streamed while the image renders (0-3); needs a synchronous request.</source>
        <translation>渲染过程中流式传回的预览（0-3 张）；需要同步请求。</translation>
    </message>
    <message>
        <source>Rendering quality; higher costs more and takes longer (unset means auto).</source>
        <translation>渲染质量；越高费用越高、耗时越长（未设置即自动）。</translation>
    </message>
    <message>
        <source>Shape of the image as width:height; unset lets the model choose.</source>
        <translation>图片形状（宽:高）；未设置则由模型决定。</translation>
    </message>
    <message>
        <source>auto, a preset, or a custom WIDTHxHEIGHT: multiples of 16, longest edge at most 3840, at most 3:1.</source>
        <translation>自动、预设尺寸或自定义 宽x高：须为 16 的倍数，最长边不超过 3840，比例不超过 3:1。</translation>
    </message>
    <message>
        <source>hd renders finer detail at a higher price.</source>
        <translation>高清细节更精细，价格更高。</translation>
    </message>
    <message>
        <source>transparent needs PNG or WebP output (unset means auto).</source>
        <translation>透明背景需要 PNG 或 WebP 输出（未设置即自动）。</translation>
    </message>
    <message>
        <source>url returns a download link; b64_json returns the image data in the response.</source>
        <translation>url 返回下载链接；b64_json 在响应中直接返回图片数据。</translation>
    </message>
    <message>
        <source>vivid leans dramatic and hyper-real; natural looks less processed.</source>
        <translation>“鲜明”偏戏剧化、超写实；“自然”看起来更少修饰。</translation>
    </message>
    <message>
        <source>Artistic style; usually answered as a task.</source>
        <translation>艺术风格；通常以异步任务返回。</translation>
    </message>
    <message>
        <source>Aspect ratio only; resolution is fixed by the model.</source>
        <translation>仅可选宽高比；分辨率由模型决定。</translation>
    </message>
    <message>
        <source>Best at rendering text; often answered as a task.</source>
        <translation>最擅长渲染文字；常以异步任务返回。</translation>
    </message>
    <message>
        <source>Fast and cheap; square sizes only; prompts up to 1,000 characters.</source>
        <translation>快速且便宜；仅限正方形尺寸；提示词最多 1,000 个字符。</translation>
    </message>
    <message>
        <source>No profile for this model: only common settings, plus any extra parameters.</source>
        <translation>此模型没有配置档案：仅提供通用设置和额外参数。</translation>
    </message>
    <message>
        <source>One image per request; rewrites the prompt and returns the revised text.</source>
        <translation>每次请求一张图片；会改写提示词并返回改写后的文本。</translation>
    </message>
    <message>
        <source>Open model; usually answered inline.</source>
        <translation>开放模型；通常同步返回。</translation>
    </message>
    <message>
        <source>Photorealistic; often answered as a task.</source>
        <translation>照片级写实；常以异步任务返回。</translation>
    </message>
    <message>
        <source>Pick an aspect ratio and a 1k, 2k or 4k resolution tier.</source>
        <translation>选择宽高比以及 1k、2k 或 4k 分辨率档位。</translation>
    </message>
    <message>
        <source>Prompt only: no size, aspect ratio or count can be chosen.</source>
        <translation>仅提示词：不能选择尺寸、宽高比或数量。</translation>
    </message>
    <message>
        <source>Three fixed sizes or auto; transparent backgrounds with PNG or WebP.</source>
        <translation>三种固定尺寸或自动；PNG 或 WebP 可用透明背景。</translation>
    </message>
    <message>
        <source>Token-priced; flexible sizes up to 3840 px; can run as a task.</source>
        <translation>按 token 计价；尺寸灵活，最大 3840 px；可作为异步任务运行。</translation>
    </message>
    <message>
        <source>Very fast drafts.</source>
        <translation>极速草图。</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>hd</source>
        <translation>高清</translation>
    </message>
    <message>
        <source>vivid</source>
        <translation>鲜明</translation>
    </message>
    <message>
        <source>natural</source>
        <translation>自然</translation>
    </message>
    <message>
        <source>opaque</source>
        <translation>不透明</translation>
    </message>
    <message>
        <source>transparent</source>
        <translation>透明</translation>
    </message>
    <message>
        <source>Starting up.</source>
        <translation>正在启动。</translation>
    </message>
    <message>
        <source>Wait a moment; the library opens first.</source>
        <translation>请稍候；资料库正在打开。</translation>
    </message>
    <message>
        <source>Wait a moment; you can already write a prompt.</source>
        <translation>请稍候；你现在就可以开始写提示词。</translation>
    </message>
    <message>
        <source>Ready to generate.</source>
        <translation>可以生成了。</translation>
    </message>
    <message>
        <source>Running against the built-in sandbox: images are test drawings, nothing is billed.</source>
        <translation>正在使用内置沙盒：图片是测试绘图，不会产生费用。</translation>
    </message>
    <message>
        <source>Paste an API key in Settings to use the real gateway.</source>
        <translation>在设置中粘贴 API 密钥即可使用真实网关。</translation>
    </message>
    <message>
        <source>No API key is set.</source>
        <translation>未设置 API 密钥。</translation>
    </message>
    <message>
        <source>Paste a new API key in Settings, or store one with `lemon-desktop key set`.</source>
        <translation>请在设置中粘贴新的 API 密钥，或用 `lemon-desktop key set` 存储。</translation>
    </message>
    <message>
        <source>Check the network and the base URL in Settings; queued jobs wait and can be retried.</source>
        <translation>请检查网络和设置中的基础 URL；排队的任务会等待，并可重试。</translation>
    </message>
    <message>
        <source>Paste your API key (it is kept in the system keyring), or try the built-in sandbox.</source>
        <translation>粘贴你的 API 密钥（保存在系统密钥环中），或试用内置沙盒。</translation>
    </message>
    <message>
        <source>prompt is empty; describe the image you want.</source>
        <translation>提示词为空；请描述你想要的图片。</translation>
    </message>
    <message>
        <source>model is empty; choose a model.</source>
        <translation>未选择模型；请选择一个模型。</translation>
    </message>
    <message>
        <source>Change the request and try again.</source>
        <translation>请修改请求后重试。</translation>
    </message>
    <message>
        <source>Check the API key in Settings (or LEMONDATA_API_KEY).</source>
        <translation>请在设置中检查 API 密钥（或 LEMONDATA_API_KEY）。</translation>
    </message>
    <message>
        <source>This API key has used up its quota.</source>
        <translation>此 API 密钥的额度已用完。</translation>
    </message>
    <message>
        <source>Top up the account or raise the key&apos;s quota, then retry the job.</source>
        <translation>请为账户充值或提高密钥额度，然后重试任务。</translation>
    </message>
    <message>
        <source>This key is not allowed to use that model; pick another model or key.</source>
        <translation>此密钥无权使用该模型；请选择其他模型或密钥。</translation>
    </message>
    <message>
        <source>Shorten the prompt or send fewer or smaller images.</source>
        <translation>请缩短提示词，或发送更少、更小的图片。</translation>
    </message>
    <message>
        <source>Too many requests; wait a moment and try again.</source>
        <translation>请求过多；请稍候再试。</translation>
    </message>
    <message>
        <source>The gateway failed; retry the job later.</source>
        <translation>网关出错；请稍后重试任务。</translation>
    </message>
    <message>
        <source>The image provider failed; retry the job or pick another model.</source>
        <translation>图片服务商出错；请重试任务或换一个模型。</translation>
    </message>
    <message>
        <source>The provider took too long; retry the job, perhaps at a lower size or quality.</source>
        <translation>服务商响应超时；请重试任务，可考虑降低尺寸或质量。</translation>
    </message>
    <message>
        <source>{price} / image</source>
        <translation>{price} / 张</translation>
    </message>
    <message>
        <source>{input} in / {output} out per 1M tokens</source>
        <translation>每百万 token：输入 {input} / 输出 {output}</translation>
    </message>
    <message>
        <source>Connecting to {url}.</source>
        <translation>正在连接 {url}。</translation>
    </message>
    <message>
        <source>Connected to {url}.</source>
        <translation>已连接到 {url}。</translation>
    </message>
    <message>
        <source>prompt is {count} characters; {model} accepts at most {limit}.</source>
        <translation>提示词有 {count} 个字符；{model} 最多接受 {limit} 个。</translation>
    </message>
    <message>
        <source>{model} makes one image per request; set n to 1 or queue several jobs.</source>
        <translation>{model} 每次请求只生成一张图片；请将 n 设为 1，或排队多个任务。</translation>
    </message>
    <message>
        <source>{model} is offered one image per request here (more is not documented for it); set n to 1 or queue several jobs.</source>
        <translation>此处 {model} 每次请求仅提供一张图片（文档未说明可以更多）；请将 n 设为 1，或排队多个任务。</translation>
    </message>
    <message>
        <source>{name} must be {wanted}, got {value}.</source>
        <translation>{name} 必须是{wanted}，当前为 {value}。</translation>
    </message>
    <message>
        <source>a whole number from {low} to {high}</source>
        <translation>{low} 到 {high} 之间的整数</translation>
    </message>
    <message>
        <source>a whole number of at least {low}</source>
        <translation>不小于 {low} 的整数</translation>
    </message>
    <message>
        <source>a whole number of at most {high}</source>
        <translation>不大于 {high} 的整数</translation>
    </message>
    <message>
        <source>{name} must be true or false, got {value}.</source>
        <translation>{name} 必须是 true 或 false，当前为 {value}。</translation>
    </message>
    <message>
        <source>{name} must be one of {choices} for {model}; got {value}.</source>
        <translation>对于 {model}，{name} 必须是 {choices} 之一；当前为 {value}。</translation>
    </message>
    <message>
        <source>{name} {size}: {problem} (nearest valid: {nearest}).</source>
        <translation>{name} {size}：{problem}（最接近的有效值：{nearest}）。</translation>
    </message>
    <message>
        <source>both sides must be multiples of {multiple}</source>
        <translation>两边都必须是 {multiple} 的倍数</translation>
    </message>
    <message>
        <source>the longest edge must be at most {edge} px</source>
        <translation>最长边不得超过 {edge} px</translation>
    </message>
    <message>
        <source>the long side may be at most {ratio} times the short side, not {actual} times</source>
        <translation>长边最多为短边的 {ratio} 倍，而不是 {actual} 倍</translation>
    </message>
    <message>
        <source>total pixels must be at least {minimum}, not {pixels}</source>
        <translation>总像素至少为 {minimum}，而不是 {pixels}</translation>
    </message>
    <message>
        <source>total pixels must be at most {maximum}, not {pixels}</source>
        <translation>总像素至多为 {maximum}，而不是 {pixels}</translation>
    </message>
    <message>
        <source>{name}: {model} is prompt-only and takes no {name2}; remove it.</source>
        <translation>{name}：{model} 仅接受提示词，不接受 {name2}；请移除。</translation>
    </message>
    <message>
        <source>{name}: {model} does not take {name2}; remove it.</source>
        <translation>{name}：{model} 不接受 {name2}；请移除。</translation>
    </message>
    <message>
        <source>Too many requests; wait {seconds} s and try again.</source>
        <translation>请求过多；请等待 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>No system keyring is available to store the API key ({detail}). Install and unlock a Secret Service keyring (for example gnome-keyring or KWallet), or set the LEMONDATA_API_KEY environment variable instead.</source>
        <translation>没有可用于存储 API 密钥的系统密钥环（{detail}）。请安装并解锁 Secret Service 密钥环（例如 gnome-keyring 或 KWallet），或改为设置 LEMONDATA_API_KEY 环境变量。</translation>
    </message>
    <message>
        <source>The system keyring is locked ({detail}). Unlock it and try again, or set the LEMONDATA_API_KEY environment variable instead.</source>
        <translation>系统密钥环已锁定（{detail}）。请解锁后重试，或改为设置 LEMONDATA_API_KEY 环境变量。</translation>
    </message>
</context>
</TS>
