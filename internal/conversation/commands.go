package conversation

// Commands are the commands a newcomer can send at any time, in the order the bot's command
// menu offers them. Engine.command answers each; the menu describes each with the catalog
// message "bot.command.<name>".
var Commands = []string{"start", "help", "language", "restart", "privacy", "about", "delete"}
