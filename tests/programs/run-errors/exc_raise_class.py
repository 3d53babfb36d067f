print("start")
raise RuntimeError
