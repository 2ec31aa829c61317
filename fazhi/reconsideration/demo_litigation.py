"""filled below"""
