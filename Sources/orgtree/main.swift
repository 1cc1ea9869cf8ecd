print("orgtree")
