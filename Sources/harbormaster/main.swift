print("harbormaster")
