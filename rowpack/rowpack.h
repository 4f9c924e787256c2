/* rowpackRegister makes rowpack() known to every SQLite connection opened after it. */
int rowpackRegister(void);
