using System;
using MemoGen.Tool;

return ToolApp.Run(args, Console.Out, Console.Error);
